import type { FeatureDetail } from '../../../../src-main/domain/catalog/types';
import { PageHeader } from '../../../components/PageHeader';
import { ReadOnlyField, TextAreaField, TextField } from '../../../forms/fields';
import { FormSection, FormShell } from '../../../forms/FormShell';
import { textOf } from '../../../forms/text';
import { useRecordForm } from '../../../forms/useRecordForm';
import { paths } from '../shared/paths';
import { RouteRecord } from '../shared/RouteRecord';
import { usePresetVendorId } from '../shared/usePresetVendorId';
import { useVendorOptions } from '../shared/useVendorOptions';
import { requireVendor, VendorSelectField } from '../shared/VendorSelectField';

export function NewFeatureScreen() {
  const presetVendorId = usePresetVendorId();
  return <FeatureForm key={presetVendorId} presetVendorId={presetVendorId} />;
}

export function EditFeatureScreen() {
  return (
    <RouteRecord method="feature.get" what="feature code">
      {(feature) => <FeatureForm feature={feature} presetVendorId={String(feature.vendorId)} />}
    </RouteRecord>
  );
}

function FeatureForm({ feature, presetVendorId }: { feature?: FeatureDetail; presetVendorId: string }) {
  const vendors = useVendorOptions(!feature);
  const form = useRecordForm({
    record: feature,
    initialValues: () => ({ vendorId: presetVendorId, code: textOf(feature?.code), description: textOf(feature?.description) }),
    check: requireVendor('Choose the vendor this feature code belongs to.'),
    create: {
      method: 'feature.create',
      input: (values) => ({ vendorId: Number(values.vendorId), code: values.code, description: values.description }),
    },
    update: {
      method: 'feature.update',
      input: (values, f) => ({ id: f.id, code: values.code, description: values.description }),
    },
    afterSave: (saved, added) => ({
      message: `Feature code ${saved.code} ${added ? 'added' : 'saved'}.`,
      to: paths.feature(saved.id),
    }),
    leaveTo: feature ? paths.feature(feature.id) : paths.features,
  });
  const { values, set, error } = form;

  return (
    <>
      <PageHeader
        title={feature ? `Edit feature code ${feature.code}` : 'Add a feature code'}
        subtitle={feature ? undefined : 'A name your apps check a license for. SKUs grant feature codes.'}
        back={feature ? { to: paths.feature(feature.id), label: feature.code } : { to: paths.features, label: 'Feature codes' }}
      />
      <FormShell form={form.controls} submitLabel={feature ? 'Save changes' : 'Add feature code'}>
        <FormSection title="Feature code">
          {feature ? (
            <ReadOnlyField label="Vendor" hint="A feature code stays with its vendor.">
              {feature.vendorName}
            </ReadOnlyField>
          ) : (
            <VendorSelectField vendors={vendors} autoFocus={!presetVendorId} value={values.vendorId} onChange={(v) => set('vendorId', v)} error={error('vendorId')} />
          )}
          <TextField
            name="code"
            label="Code"
            required
            code
            autoFocus={Boolean(feature || presetVendorId)}
            value={values.code}
            onChange={(v) => set('code', v)}
            error={error('code')}
            placeholder="export-pdf"
            hint={feature && feature.skuCount > 0 ? `Apps check this exact text; ${feature.skuCount} SKU(s) grant it.` : 'Unique for the vendor. Letters, digits, dot, colon, dash and underscore.'}
          />
          <TextAreaField name="description" label="Description" value={values.description} onChange={(v) => set('description', v)} error={error('description')} placeholder="What this unlocks, for your colleagues." hint="Ctrl+Enter saves from here." />
        </FormSection>
      </FormShell>
    </>
  );
}
