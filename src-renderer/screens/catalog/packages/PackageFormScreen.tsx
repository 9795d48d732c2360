import type { PackageDetail } from '../../../../src-main/domain/catalog/types';
import { PageHeader } from '../../../components/PageHeader';
import { ChoiceList } from '../../../forms/ChoiceList';
import { ReadOnlyField, TextField } from '../../../forms/fields';
import { FormSection, FormShell } from '../../../forms/FormShell';
import { useRecordForm } from '../../../forms/useRecordForm';
import { useWholeList } from '../../../hooks/useApiQuery';
import { paths } from '../shared/paths';
import { RouteRecord } from '../shared/RouteRecord';
import { usePresetVendorId } from '../shared/usePresetVendorId';
import { useVendorOptions } from '../shared/useVendorOptions';
import { requireVendor, VendorSelectField } from '../shared/VendorSelectField';

export function NewPackageScreen() {
  const presetVendorId = usePresetVendorId();
  return <PackageForm key={presetVendorId} presetVendorId={presetVendorId} />;
}

export function EditPackageScreen() {
  return (
    <RouteRecord method="package.get" what="package">
      {(pkg) => <PackageForm pkg={pkg} presetVendorId={String(pkg.vendorId)} />}
    </RouteRecord>
  );
}

function PackageForm({ pkg, presetVendorId }: { pkg?: PackageDetail; presetVendorId: string }) {
  const vendors = useVendorOptions(!pkg);
  const form = useRecordForm({
    record: pkg,
    initialValues: () => ({ vendorId: presetVendorId, displayName: pkg?.displayName ?? '', skuIds: pkg?.skus.map((s) => s.id) ?? [] }),
    check: requireVendor('Choose the vendor that ships this package.'),
    create: {
      method: 'package.create',
      input: (values) => ({ vendorId: Number(values.vendorId), displayName: values.displayName, skuIds: values.skuIds }),
    },
    update: {
      method: 'package.update',
      input: (values, p) => ({ id: p.id, displayName: values.displayName, skuIds: values.skuIds }),
    },
    afterSave: (saved, added) => ({
      message: added ? `Package “${saved.displayName}” added. Now add its first release.` : `Package “${saved.displayName}” saved.`,
      to: paths.package(saved.id),
    }),
    leaveTo: pkg ? paths.package(pkg.id) : paths.packages,
  });
  const { values, set, setValues, error } = form;
  const vendorId = Number(values.vendorId) || null;
  const skus = useWholeList('sku.list', vendorId ? { vendorId, sort: 'sku' } : null);

  function chooseVendor(next: string) {
    // SKUs belong to one vendor: a new vendor starts a new selection.
    setValues((current) => ({ ...current, vendorId: next, skuIds: [] }));
    form.clearError('vendorId');
  }

  return (
    <>
      <PageHeader
        title={pkg ? `Edit ${pkg.displayName}` : 'Add a package'}
        subtitle={pkg ? undefined : 'A download your licenses give access to. Releases are added on the package’s page.'}
        back={pkg ? { to: paths.package(pkg.id), label: pkg.displayName } : { to: paths.packages, label: 'Packages' }}
      />
      <FormShell form={form.controls} submitLabel={pkg ? 'Save changes' : 'Add package'}>
        <FormSection title="Package">
          {pkg ? (
            <ReadOnlyField label="Vendor" hint="A package stays with its vendor.">
              {pkg.vendorName}
            </ReadOnlyField>
          ) : (
            <VendorSelectField vendors={vendors} autoFocus={!presetVendorId} value={values.vendorId} onChange={chooseVendor} error={error('vendorId')} />
          )}
          <TextField
            name="displayName"
            label="Name"
            required
            autoFocus={Boolean(pkg || presetVendorId)}
            value={values.displayName}
            onChange={(v) => set('displayName', v)}
            error={error('displayName')}
            placeholder="Resizer for Windows"
          />
        </FormSection>
        <FormSection title="Included in SKUs" description="Licenses of these SKUs give access to this package’s downloads.">
          <div className="field field--wide">
            <ChoiceList
              name="skuIds"
              legend="SKUs"
              loading={skus.loading && !skus.data}
              choices={(skus.data ?? []).map((s) => ({ id: s.id, label: s.sku, detail: s.name }))}
              selected={values.skuIds}
              onChange={(ids) => set('skuIds', ids)}
              error={error('skuIds') ?? skus.error?.message}
              empty={<p className="muted">{vendorId ? 'This vendor has no SKUs yet. You can link SKUs later.' : 'Choose a vendor first.'}</p>}
            />
          </div>
        </FormSection>
      </FormShell>
    </>
  );
}
