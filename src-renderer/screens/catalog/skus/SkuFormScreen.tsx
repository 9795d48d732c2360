import { useNavigate, useSearchParams } from 'react-router';
import type { SkuDetail } from '../../../../src-main/domain/catalog/types';
import { LoadState } from '../../../components/LoadState';
import { PageHeader } from '../../../components/PageHeader';
import { useToast } from '../../../components/Toasts';
import { dateForApi, toDateInput } from '../../../format/dates';
import { numberForApi, numberToInput } from '../../../format/numbers';
import { ChoiceList } from '../../../forms/ChoiceList';
import { CheckboxField, DateField, NumberField, ReadOnlyField, SelectField, TextField } from '../../../forms/fields';
import { FormSection, FormShell } from '../../../forms/FormShell';
import { textOf } from '../../../forms/text';
import { errorFor, useApiForm } from '../../../forms/useApiForm';
import { useFormValues } from '../../../forms/useFormValues';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { paths } from '../shared/paths';
import { useRouteId } from '../shared/useRouteId';
import { useVendorOptions } from '../shared/useVendorOptions';
import { InlineFeatureCreator } from './InlineFeatureCreator';
import { NotFoundScreen } from '../../NotFoundScreen';

export function NewSkuScreen() {
  const [params] = useSearchParams();
  return <SkuForm presetVendorId={params.get('vendorId') ?? ''} />;
}

export function EditSkuScreen() {
  const id = useRouteId();
  const sku = useApiQuery('sku.get', id ? { id } : null);
  if (!id) return <NotFoundScreen />;
  return (
    <LoadState data={sku.data} error={sku.error} what="SKU" onRetry={sku.reload}>
      {(s) => <SkuForm sku={s} presetVendorId={String(s.vendorId)} />}
    </LoadState>
  );
}

const NO_LIMIT_HINT = 'Blank = no limit.';

function initialValues(sku: SkuDetail | undefined, vendorId: string) {
  return {
    vendorId,
    sku: textOf(sku?.sku),
    name: textOf(sku?.name),
    releaseDate: toDateInput(sku?.releaseDate),
    expirationDate: toDateInput(sku?.expirationDate),
    licenseDuration: numberToInput(sku?.licenseDuration),
    maxSupportContacts: numberToInput(sku?.maxSupportContacts),
    changeSupportContactsDuration: numberToInput(sku?.changeSupportContactsDuration),
    editOwnershipDuration: numberToInput(sku?.editOwnershipDuration),
    maxDomains: numberToInput(sku?.maxDomains),
    autoDomainDuration: numberToInput(sku?.autoDomainDuration),
    manualDomainDuration: numberToInput(sku?.manualDomainDuration),
    canDeleteManualDomains: sku?.canDeleteManualDomains ?? false,
    canDeleteAutoDomains: sku?.canDeleteAutoDomains ?? false,
    featureIds: sku?.features.map((f) => f.id) ?? [],
    packageIds: sku?.packages.map((p) => p.id) ?? [],
  };
}

function SkuForm({ sku, presetVendorId }: { sku?: SkuDetail; presetVendorId: string }) {
  const navigate = useNavigate();
  const toast = useToast();
  const create = useApiForm('sku.create');
  const update = useApiForm('sku.update');
  const form = sku ? update : create;
  const { values, set, setValues } = useFormValues(() => initialValues(sku, presetVendorId), form.clearError);
  const vendors = useVendorOptions();

  const vendorId = Number(values.vendorId) || null;
  const features = useApiQuery('feature.list', vendorId ? { vendorId, sort: 'code', limit: 500 } : null);
  const packages = useApiQuery('package.list', vendorId ? { vendorId, sort: 'displayName', limit: 500 } : null);

  const cancel = () => navigate(sku ? paths.sku(sku.id) : paths.skus);

  function chooseVendor(next: string) {
    // Feature codes and packages belong to one vendor: a new vendor starts a new selection.
    setValues((v) => ({ ...v, vendorId: next, featureIds: [], packageIds: [] }));
    form.clearError('vendorId');
  }

  async function save() {
    if (!vendorId) {
      form.reject({ vendorId: 'Choose the vendor that sells this SKU.' });
      return;
    }
    const input = {
      vendorId,
      sku: values.sku,
      name: values.name,
      privateKeyId: sku?.privateKeyId ?? null,
      releaseDate: dateForApi(values.releaseDate, sku?.releaseDate),
      expirationDate: dateForApi(values.expirationDate, sku?.expirationDate),
      licenseDuration: numberForApi(values.licenseDuration),
      maxSupportContacts: numberForApi(values.maxSupportContacts),
      changeSupportContactsDuration: numberForApi(values.changeSupportContactsDuration),
      editOwnershipDuration: numberForApi(values.editOwnershipDuration),
      maxDomains: numberForApi(values.maxDomains),
      autoDomainDuration: numberForApi(values.autoDomainDuration),
      manualDomainDuration: numberForApi(values.manualDomainDuration),
      canDeleteManualDomains: values.canDeleteManualDomains,
      canDeleteAutoDomains: values.canDeleteAutoDomains,
      featureIds: values.featureIds,
      packageIds: values.packageIds,
    };
    const saved = sku ? await update.submit({ ...input, id: sku.id }) : await create.submit(input);
    if (!saved) return;
    toast.success(sku ? `SKU ${saved.sku} saved.` : `SKU ${saved.sku} added.`);
    navigate(paths.sku(saved.id), { replace: true });
  }

  const err = (field: string) => errorFor(form.errors, field);
  const vendorName = vendors.options.find((o) => o.value === values.vendorId)?.label;

  return (
    <>
      <PageHeader
        title={sku ? `Edit SKU ${sku.sku}` : 'Add a SKU'}
        subtitle={sku ? undefined : 'A product you sell: what it unlocks, for how long, on how many domains. Only the vendor and the SKU code are required.'}
        back={sku ? { to: paths.sku(sku.id), label: sku.sku } : { to: paths.skus, label: 'SKUs' }}
      />
      <FormShell onSubmit={save} onCancel={cancel} saving={form.saving} submitLabel={sku ? 'Save changes' : 'Add SKU'} banner={form.banner} failures={form.failures}>
        <FormSection title="SKU">
          {sku ? (
            <ReadOnlyField label="Vendor" hint="A SKU stays with the vendor it was created for.">
              {sku.vendorName}
            </ReadOnlyField>
          ) : (
            <SelectField
              name="vendorId"
              label="Vendor"
              required
              autoFocus={!presetVendorId}
              value={values.vendorId}
              onChange={chooseVendor}
              options={vendors.options}
              placeholder={vendors.loading ? 'Loading vendors…' : vendors.options.length ? 'Choose a vendor…' : 'No vendors yet: add one first'}
              error={err('vendorId')}
            />
          )}
          <TextField
            name="sku"
            label="SKU code"
            required
            code
            autoFocus={Boolean(sku || presetVendorId)}
            value={values.sku}
            onChange={(v) => set('sku', v)}
            error={err('sku')}
            placeholder="RES-3-PRO"
            hint="Unique for the vendor. Letters, digits, dot, dash and underscore."
          />
          <TextField name="name" label="Name" wide value={values.name} onChange={(v) => set('name', v)} error={err('name')} placeholder="Resizer 3 Professional" />
        </FormSection>

        <FormSection title="Sale window" description="When the SKU can be sold. A SKU past its expiration date is retired.">
          <DateField name="releaseDate" label="Release date" value={values.releaseDate} onChange={(v) => set('releaseDate', v)} error={err('releaseDate')} hint="Blank = on sale now." />
          <DateField name="expirationDate" label="Expiration date" value={values.expirationDate} onChange={(v) => set('expirationDate', v)} error={err('expirationDate')} hint="Blank = never expires. Must be after the release date." />
        </FormSection>

        <FormSection title="Licenses" description="Durations are in days.">
          <NumberField name="licenseDuration" label="License duration" unit="days" value={values.licenseDuration} onChange={(v) => set('licenseDuration', v)} error={err('licenseDuration')} hint="Blank = no limit (perpetual)." />
          <NumberField name="maxSupportContacts" label="Max support contacts" value={values.maxSupportContacts} onChange={(v) => set('maxSupportContacts', v)} error={err('maxSupportContacts')} hint={NO_LIMIT_HINT} />
          <NumberField name="changeSupportContactsDuration" label="Support-contact change window" unit="days" value={values.changeSupportContactsDuration} onChange={(v) => set('changeSupportContactsDuration', v)} error={err('changeSupportContactsDuration')} hint="How long after purchase contacts can be changed. Blank = no limit." />
          <NumberField name="editOwnershipDuration" label="Ownership edit window" unit="days" value={values.editOwnershipDuration} onChange={(v) => set('editOwnershipDuration', v)} error={err('editOwnershipDuration')} hint="How long after purchase the owner can be changed. Blank = no limit." />
        </FormSection>

        <FormSection title="Domains">
          <NumberField name="maxDomains" label="Max domains" value={values.maxDomains} onChange={(v) => set('maxDomains', v)} error={err('maxDomains')} hint={NO_LIMIT_HINT} />
          <NumberField name="autoDomainDuration" label="Automatic domain duration" unit="days" value={values.autoDomainDuration} onChange={(v) => set('autoDomainDuration', v)} error={err('autoDomainDuration')} hint={NO_LIMIT_HINT} />
          <NumberField name="manualDomainDuration" label="Manual domain duration" unit="days" value={values.manualDomainDuration} onChange={(v) => set('manualDomainDuration', v)} error={err('manualDomainDuration')} hint={NO_LIMIT_HINT} />
          <div className="field field--wide checkbox-group">
            <CheckboxField name="canDeleteManualDomains" label="Customers may delete manual domains" checked={values.canDeleteManualDomains} onChange={(v) => set('canDeleteManualDomains', v)} error={err('canDeleteManualDomains')} />
            <CheckboxField name="canDeleteAutoDomains" label="Customers may delete automatic domains" checked={values.canDeleteAutoDomains} onChange={(v) => set('canDeleteAutoDomains', v)} error={err('canDeleteAutoDomains')} />
          </div>
        </FormSection>

        <FormSection title="Feature codes and packages" description={vendorName ? `From ${vendorName}’s catalog.` : 'Choose a vendor to see its feature codes and packages.'}>
          <div className="field field--wide">
            <ChoiceList
              name="featureIds"
              legend="Feature codes"
              loading={Boolean(vendorId) && !features.data && !features.error}
              choices={(features.data?.items ?? []).map((f) => ({ id: f.id, label: f.code, detail: f.description }))}
              selected={values.featureIds}
              onChange={(ids) => set('featureIds', ids)}
              error={err('featureIds')}
              empty={vendorId ? <p className="muted">This vendor has no feature codes yet. Add one below.</p> : <p className="muted">Choose a vendor first.</p>}
            />
            {vendorId && (
              <InlineFeatureCreator
                vendorId={vendorId}
                onCreated={(feature) => {
                  features.reload();
                  setValues((v) => ({ ...v, featureIds: [...v.featureIds, feature.id] }));
                  toast.success(`Feature code ${feature.code} added and selected.`);
                }}
              />
            )}
          </div>
          <div className="field field--wide">
            <ChoiceList
              name="packageIds"
              legend="Packages"
              loading={Boolean(vendorId) && !packages.data && !packages.error}
              choices={(packages.data?.items ?? []).map((p) => ({ id: p.id, label: p.displayName, detail: p.latestVersion ? `latest ${p.latestVersion}` : null }))}
              selected={values.packageIds}
              onChange={(ids) => set('packageIds', ids)}
              error={err('packageIds')}
              empty={<p className="muted">{vendorId ? 'This vendor has no packages yet. Packages can also be linked to SKUs later, from the package.' : 'Choose a vendor first.'}</p>}
            />
          </div>
        </FormSection>

        <FormSection title="Signing">
          <ReadOnlyField label="Signing key" hint="Signing keys arrive with the Signing keys area; the SKU keeps the key it has.">
            {sku?.privateKeyId ? `Key #${sku.privateKeyId}` : 'None yet'}
          </ReadOnlyField>
        </FormSection>
      </FormShell>
    </>
  );
}
