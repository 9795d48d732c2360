import { useNavigate, useSearchParams } from 'react-router';
import type { PackageDetail } from '../../../../src-main/domain/catalog/types';
import { LoadState } from '../../../components/LoadState';
import { PageHeader } from '../../../components/PageHeader';
import { useToast } from '../../../components/Toasts';
import { ChoiceList } from '../../../forms/ChoiceList';
import { ReadOnlyField, SelectField, TextField } from '../../../forms/fields';
import { FormSection, FormShell } from '../../../forms/FormShell';
import { errorFor, useApiForm } from '../../../forms/useApiForm';
import { useFormValues } from '../../../forms/useFormValues';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { paths } from '../shared/paths';
import { useRouteId } from '../shared/useRouteId';
import { useVendorOptions } from '../shared/useVendorOptions';
import { NotFoundScreen } from '../../NotFoundScreen';

export function NewPackageScreen() {
  const [params] = useSearchParams();
  return <PackageForm presetVendorId={params.get('vendorId') ?? ''} />;
}

export function EditPackageScreen() {
  const id = useRouteId();
  const pkg = useApiQuery('package.get', id ? { id } : null);
  if (!id) return <NotFoundScreen />;
  return (
    <LoadState data={pkg.data} error={pkg.error} what="package" onRetry={pkg.reload}>
      {(p) => <PackageForm pkg={p} presetVendorId={String(p.vendorId)} />}
    </LoadState>
  );
}

function PackageForm({ pkg, presetVendorId }: { pkg?: PackageDetail; presetVendorId: string }) {
  const navigate = useNavigate();
  const toast = useToast();
  const create = useApiForm('package.create');
  const update = useApiForm('package.update');
  const form = pkg ? update : create;
  const vendors = useVendorOptions();
  const { values, set, setValues } = useFormValues(
    { vendorId: presetVendorId, displayName: pkg?.displayName ?? '', skuIds: pkg?.skus.map((s) => s.id) ?? [] },
    form.clearError,
  );
  const vendorId = Number(values.vendorId) || null;
  const skus = useApiQuery('sku.list', vendorId ? { vendorId, sort: 'sku', limit: 500 } : null);

  const cancel = () => navigate(pkg ? paths.package(pkg.id) : paths.packages);

  async function save() {
    let saved;
    if (pkg) {
      saved = await update.submit({ id: pkg.id, displayName: values.displayName, skuIds: values.skuIds });
    } else {
      if (!vendorId) return create.reject({ vendorId: 'Choose the vendor that ships this package.' });
      saved = await create.submit({ vendorId, displayName: values.displayName, skuIds: values.skuIds });
    }
    if (!saved) return;
    toast.success(pkg ? `Package “${saved.displayName}” saved.` : `Package “${saved.displayName}” added. Now add its first release.`);
    navigate(paths.package(saved.id), { replace: true });
  }

  const err = (field: string) => errorFor(form.errors, field);
  return (
    <>
      <PageHeader
        title={pkg ? `Edit ${pkg.displayName}` : 'Add a package'}
        subtitle={pkg ? undefined : 'A download your licenses give access to. Releases are added on the package’s page.'}
        back={pkg ? { to: paths.package(pkg.id), label: pkg.displayName } : { to: paths.packages, label: 'Packages' }}
      />
      <FormShell onSubmit={save} onCancel={cancel} saving={form.saving} submitLabel={pkg ? 'Save changes' : 'Add package'} banner={form.banner} failures={form.failures}>
        <FormSection title="Package">
          {pkg ? (
            <ReadOnlyField label="Vendor" hint="A package stays with its vendor.">
              {pkg.vendorName}
            </ReadOnlyField>
          ) : (
            <SelectField
              name="vendorId"
              label="Vendor"
              required
              autoFocus={!presetVendorId}
              value={values.vendorId}
              onChange={(v) => {
                // SKUs belong to one vendor: a new vendor starts a new selection.
                setValues((current) => ({ ...current, vendorId: v, skuIds: [] }));
                form.clearError('vendorId');
              }}
              options={vendors.options}
              placeholder={vendors.loading ? 'Loading vendors…' : vendors.options.length ? 'Choose a vendor…' : 'No vendors yet: add one first'}
              error={err('vendorId')}
            />
          )}
          <TextField
            name="displayName"
            label="Name"
            required
            autoFocus={Boolean(pkg || presetVendorId)}
            value={values.displayName}
            onChange={(v) => set('displayName', v)}
            error={err('displayName')}
            placeholder="Resizer for Windows"
          />
        </FormSection>
        <FormSection title="Included in SKUs" description="Licenses of these SKUs give access to this package’s downloads.">
          <div className="field field--wide">
            <ChoiceList
              name="skuIds"
              legend="SKUs"
              loading={Boolean(vendorId) && !skus.data && !skus.error}
              choices={(skus.data?.items ?? []).map((s) => ({ id: s.id, label: s.sku, detail: s.name }))}
              selected={values.skuIds}
              onChange={(ids) => set('skuIds', ids)}
              error={err('skuIds')}
              empty={<p className="muted">{vendorId ? 'This vendor has no SKUs yet. You can link SKUs later.' : 'Choose a vendor first.'}</p>}
            />
          </div>
        </FormSection>
      </FormShell>
    </>
  );
}
