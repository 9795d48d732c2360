import { useNavigate, useSearchParams } from 'react-router';
import type { FeatureDetail } from '../../../../src-main/domain/catalog/types';
import { LoadState } from '../../../components/LoadState';
import { PageHeader } from '../../../components/PageHeader';
import { useToast } from '../../../components/Toasts';
import { ReadOnlyField, SelectField, TextAreaField, TextField } from '../../../forms/fields';
import { FormSection, FormShell } from '../../../forms/FormShell';
import { textOf } from '../../../forms/text';
import { errorFor, useApiForm } from '../../../forms/useApiForm';
import { useFormValues } from '../../../forms/useFormValues';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { paths } from '../shared/paths';
import { useRouteId } from '../shared/useRouteId';
import { useVendorOptions } from '../shared/useVendorOptions';
import { NotFoundScreen } from '../../NotFoundScreen';

export function NewFeatureScreen() {
  const [params] = useSearchParams();
  return <FeatureForm presetVendorId={params.get('vendorId') ?? ''} />;
}

export function EditFeatureScreen() {
  const id = useRouteId();
  const feature = useApiQuery('feature.get', id ? { id } : null);
  if (!id) return <NotFoundScreen />;
  return (
    <LoadState data={feature.data} error={feature.error} what="feature code" onRetry={feature.reload}>
      {(f) => <FeatureForm feature={f} presetVendorId={String(f.vendorId)} />}
    </LoadState>
  );
}

function FeatureForm({ feature, presetVendorId }: { feature?: FeatureDetail; presetVendorId: string }) {
  const navigate = useNavigate();
  const toast = useToast();
  const create = useApiForm('feature.create');
  const update = useApiForm('feature.update');
  const form = feature ? update : create;
  const vendors = useVendorOptions();
  const { values, set } = useFormValues(
    { vendorId: presetVendorId, code: textOf(feature?.code), description: textOf(feature?.description) },
    form.clearError,
  );

  const cancel = () => navigate(feature ? paths.feature(feature.id) : paths.features);

  async function save() {
    let saved;
    if (feature) {
      saved = await update.submit({ id: feature.id, code: values.code, description: values.description });
    } else {
      const vendorId = Number(values.vendorId);
      if (!vendorId) return create.reject({ vendorId: 'Choose the vendor this feature code belongs to.' });
      saved = await create.submit({ vendorId, code: values.code, description: values.description });
    }
    if (!saved) return;
    toast.success(feature ? `Feature code ${saved.code} saved.` : `Feature code ${saved.code} added.`);
    navigate(paths.feature(saved.id), { replace: true });
  }

  const err = (field: string) => errorFor(form.errors, field);
  return (
    <>
      <PageHeader
        title={feature ? `Edit feature code ${feature.code}` : 'Add a feature code'}
        subtitle={feature ? undefined : 'A name your apps check a license for. SKUs grant feature codes.'}
        back={feature ? { to: paths.feature(feature.id), label: feature.code } : { to: paths.features, label: 'Feature codes' }}
      />
      <FormShell onSubmit={save} onCancel={cancel} saving={form.saving} submitLabel={feature ? 'Save changes' : 'Add feature code'} banner={form.banner} failures={form.failures}>
        <FormSection title="Feature code">
          {feature ? (
            <ReadOnlyField label="Vendor" hint="A feature code stays with its vendor.">
              {feature.vendorName}
            </ReadOnlyField>
          ) : (
            <SelectField
              name="vendorId"
              label="Vendor"
              required
              autoFocus={!presetVendorId}
              value={values.vendorId}
              onChange={(v) => set('vendorId', v)}
              options={vendors.options}
              placeholder={vendors.loading ? 'Loading vendors…' : vendors.options.length ? 'Choose a vendor…' : 'No vendors yet: add one first'}
              error={err('vendorId')}
            />
          )}
          <TextField
            name="code"
            label="Code"
            required
            code
            autoFocus={Boolean(feature || presetVendorId)}
            value={values.code}
            onChange={(v) => set('code', v)}
            error={err('code')}
            placeholder="export-pdf"
            hint={feature && feature.skuCount > 0 ? `Apps check this exact text; ${feature.skuCount} SKU(s) grant it.` : 'Unique for the vendor. Letters, digits, dot, colon, dash and underscore.'}
          />
          <TextAreaField name="description" label="Description" value={values.description} onChange={(v) => set('description', v)} error={err('description')} placeholder="What this unlocks, for your colleagues." hint="Ctrl+Enter saves from here." />
        </FormSection>
      </FormShell>
    </>
  );
}
