import type { SkuDetail } from '../../../../src-main/domain/catalog/types';
import { PageHeader } from '../../../components/PageHeader';
import { dateForApi, toDateInput } from '../../../format/dates';
import { numberForApi, numberToInput } from '../../../format/numbers';
import { CheckboxField, DateField, NumberField, ReadOnlyField, TextField } from '../../../forms/fields';
import { FormSection, FormShell } from '../../../forms/FormShell';
import { textOf } from '../../../forms/text';
import { useRecordForm } from '../../../forms/useRecordForm';
import { paths } from '../shared/paths';
import { RouteRecord } from '../shared/RouteRecord';
import { usePresetVendorId } from '../shared/usePresetVendorId';
import { useVendorOptions } from '../shared/useVendorOptions';
import { requireVendor, VendorSelectField } from '../shared/VendorSelectField';
import { SkuCatalogChoices } from './SkuCatalogChoices';

export function NewSkuScreen() {
  const presetVendorId = usePresetVendorId();
  return <SkuForm key={presetVendorId} presetVendorId={presetVendorId} />;
}

export function EditSkuScreen() {
  return (
    <RouteRecord method="sku.get" what="SKU">
      {(sku) => <SkuForm sku={sku} presetVendorId={String(sku.vendorId)} />}
    </RouteRecord>
  );
}

const NO_LIMIT_HINT = 'Blank = no limit.';

export type SkuValues = ReturnType<typeof skuValues>;

function skuValues(sku: SkuDetail | undefined, vendorId: string) {
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
    subscriptionGraceDays: numberToInput(sku?.subscriptionGraceDays),
    canDeleteManualDomains: sku?.canDeleteManualDomains ?? false,
    canDeleteAutoDomains: sku?.canDeleteAutoDomains ?? false,
    featureIds: sku?.features.map((f) => f.id) ?? [],
    packageIds: sku?.packages.map((p) => p.id) ?? [],
  };
}

/** The API input for the form's values; an existing SKU keeps its key and its exact dates. */
function skuInput(values: SkuValues, sku: SkuDetail | undefined) {
  return {
    vendorId: Number(values.vendorId),
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
    subscriptionGraceDays: numberForApi(values.subscriptionGraceDays),
    canDeleteManualDomains: values.canDeleteManualDomains,
    canDeleteAutoDomains: values.canDeleteAutoDomains,
    featureIds: values.featureIds,
    packageIds: values.packageIds,
  };
}

function SkuForm({ sku, presetVendorId }: { sku?: SkuDetail; presetVendorId: string }) {
  const vendors = useVendorOptions(!sku);
  const form = useRecordForm({
    record: sku,
    initialValues: () => skuValues(sku, presetVendorId),
    check: requireVendor('Choose the vendor that sells this SKU.'),
    create: { method: 'sku.create', input: (values) => skuInput(values, undefined) },
    update: { method: 'sku.update', input: (values, s) => ({ ...skuInput(values, s), id: s.id }) },
    afterSave: (saved, added) => ({ message: `SKU ${saved.sku} ${added ? 'added' : 'saved'}.`, to: paths.sku(saved.id) }),
    leaveTo: sku ? paths.sku(sku.id) : paths.skus,
  });
  const { values, set, setValues, error } = form;
  const vendorName = sku?.vendorName ?? vendors.options.find((o) => o.value === values.vendorId)?.label;

  function chooseVendor(next: string) {
    // Feature codes and packages belong to one vendor: a new vendor starts a new selection.
    setValues((v) => ({ ...v, vendorId: next, featureIds: [], packageIds: [] }));
    form.clearError('vendorId');
  }

  return (
    <>
      <PageHeader
        title={sku ? `Edit SKU ${sku.sku}` : 'Add a SKU'}
        subtitle={sku ? undefined : 'A product you sell: what it unlocks, for how long, on how many domains. Only the vendor and the SKU code are required.'}
        back={sku ? { to: paths.sku(sku.id), label: sku.sku } : { to: paths.skus, label: 'SKUs' }}
      />
      <FormShell form={form.controls} submitLabel={sku ? 'Save changes' : 'Add SKU'}>
        <FormSection title="SKU">
          {sku ? (
            <ReadOnlyField label="Vendor" hint="A SKU stays with the vendor it was created for.">
              {sku.vendorName}
            </ReadOnlyField>
          ) : (
            <VendorSelectField vendors={vendors} autoFocus={!presetVendorId} value={values.vendorId} onChange={chooseVendor} error={error('vendorId')} />
          )}
          <TextField
            name="sku"
            label="SKU code"
            required
            code
            autoFocus={Boolean(sku || presetVendorId)}
            value={values.sku}
            onChange={(v) => set('sku', v)}
            error={error('sku')}
            placeholder="RES-3-PRO"
            hint="Unique for the vendor. Letters, digits, dot, dash and underscore."
          />
          <TextField name="name" label="Name" wide value={values.name} onChange={(v) => set('name', v)} error={error('name')} placeholder="Resizer 3 Professional" />
        </FormSection>

        <FormSection title="Sale window" description="When the SKU can be sold. A SKU past its expiration date is retired.">
          <DateField name="releaseDate" label="Release date" value={values.releaseDate} onChange={(v) => set('releaseDate', v)} error={error('releaseDate')} hint="Blank = on sale now." />
          <DateField name="expirationDate" label="Expiration date" value={values.expirationDate} onChange={(v) => set('expirationDate', v)} error={error('expirationDate')} hint="Blank = never expires. Must be after the release date." />
        </FormSection>

        <FormSection title="Licenses" description="Durations are in days.">
          <NumberField name="licenseDuration" label="License duration" unit="days" value={values.licenseDuration} onChange={(v) => set('licenseDuration', v)} error={error('licenseDuration')} hint="Blank = no limit (perpetual)." />
          <NumberField name="maxSupportContacts" label="Max support contacts" value={values.maxSupportContacts} onChange={(v) => set('maxSupportContacts', v)} error={error('maxSupportContacts')} hint={NO_LIMIT_HINT} />
          <NumberField name="changeSupportContactsDuration" label="Support-contact change window" unit="days" value={values.changeSupportContactsDuration} onChange={(v) => set('changeSupportContactsDuration', v)} error={error('changeSupportContactsDuration')} hint="How long after purchase contacts can be changed. Blank = no limit." />
          <NumberField name="editOwnershipDuration" label="Ownership edit window" unit="days" value={values.editOwnershipDuration} onChange={(v) => set('editOwnershipDuration', v)} error={error('editOwnershipDuration')} hint="How long after purchase the owner can be changed. Blank = no limit." />
          <NumberField
            name="subscriptionGraceDays"
            label="Subscription grace"
            unit="days"
            placeholder="None"
            value={values.subscriptionGraceDays}
            onChange={(v) => set('subscriptionGraceDays', v)}
            error={error('subscriptionGraceDays')}
            hint="For Stripe subscriptions: licenses run this long past the paid period, so a renewal Stripe is still retrying does not cut customers off. Blank = none."
          />
        </FormSection>

        <FormSection title="Domains">
          <NumberField name="maxDomains" label="Max domains" value={values.maxDomains} onChange={(v) => set('maxDomains', v)} error={error('maxDomains')} hint={NO_LIMIT_HINT} />
          <NumberField name="autoDomainDuration" label="Automatic domain duration" unit="days" value={values.autoDomainDuration} onChange={(v) => set('autoDomainDuration', v)} error={error('autoDomainDuration')} hint={NO_LIMIT_HINT} />
          <NumberField name="manualDomainDuration" label="Manual domain duration" unit="days" value={values.manualDomainDuration} onChange={(v) => set('manualDomainDuration', v)} error={error('manualDomainDuration')} hint={NO_LIMIT_HINT} />
          <div className="field field--wide checkbox-group">
            <CheckboxField name="canDeleteManualDomains" label="Customers may delete manual domains" checked={values.canDeleteManualDomains} onChange={(v) => set('canDeleteManualDomains', v)} error={error('canDeleteManualDomains')} />
            <CheckboxField name="canDeleteAutoDomains" label="Customers may delete automatic domains" checked={values.canDeleteAutoDomains} onChange={(v) => set('canDeleteAutoDomains', v)} error={error('canDeleteAutoDomains')} />
          </div>
        </FormSection>

        <FormSection title="Feature codes and packages" description={vendorName ? `From ${vendorName}’s catalog.` : 'Choose a vendor to see its feature codes and packages.'}>
          <SkuCatalogChoices
            vendorId={Number(values.vendorId) || null}
            featureIds={values.featureIds}
            packageIds={values.packageIds}
            onFeatureIds={(ids) => set('featureIds', ids)}
            onPackageIds={(ids) => set('packageIds', ids)}
            error={error}
          />
        </FormSection>

        <FormSection title="Signing">
          <ReadOnlyField label="Signing key" hint="Changed by rotating, from the key’s page under Signing keys: rotating also re-signs the SKU’s licenses.">
            {sku?.privateKeyId ? `Key #${sku.privateKeyId}` : 'None yet'}
          </ReadOnlyField>
        </FormSection>
      </FormShell>
    </>
  );
}
