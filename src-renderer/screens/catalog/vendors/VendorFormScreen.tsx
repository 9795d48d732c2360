import { useNavigate } from 'react-router';
import type { Vendor } from '../../../../src-main/domain/catalog/types';
import { LoadState } from '../../../components/LoadState';
import { PageHeader } from '../../../components/PageHeader';
import { useToast } from '../../../components/Toasts';
import { TextField } from '../../../forms/fields';
import { FormSection, FormShell } from '../../../forms/FormShell';
import { textOf } from '../../../forms/text';
import { errorFor, useApiForm } from '../../../forms/useApiForm';
import { useFormValues } from '../../../forms/useFormValues';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { paths } from '../shared/paths';
import { useRouteId } from '../shared/useRouteId';
import { NotFoundScreen } from '../../NotFoundScreen';

export function NewVendorScreen() {
  return <VendorForm />;
}

export function EditVendorScreen() {
  const id = useRouteId();
  const vendor = useApiQuery('vendor.get', id ? { id } : null);
  if (!id) return <NotFoundScreen />;
  return (
    <LoadState data={vendor.data} error={vendor.error} what="vendor" onRetry={vendor.reload}>
      {(v) => <VendorForm vendor={v} />}
    </LoadState>
  );
}

function VendorForm({ vendor }: { vendor?: Vendor }) {
  const navigate = useNavigate();
  const toast = useToast();
  const create = useApiForm('vendor.create');
  const update = useApiForm('vendor.update');
  const form = vendor ? update : create;
  const { values, set } = useFormValues(
    {
      name: textOf(vendor?.name),
      street: textOf(vendor?.street),
      city: textOf(vendor?.city),
      region: textOf(vendor?.region),
      postal: textOf(vendor?.postal),
      country: textOf(vendor?.country),
    },
    form.clearError,
  );

  const cancel = () => navigate(vendor ? paths.vendor(vendor.id) : paths.vendors);

  async function save() {
    const saved = vendor ? await update.submit({ ...values, id: vendor.id }) : await create.submit(values);
    if (!saved) return;
    toast.success(vendor ? `Vendor “${saved.name}” saved.` : `Vendor “${saved.name}” added.`);
    navigate(paths.vendor(saved.id), { replace: true });
  }

  const err = (field: string) => errorFor(form.errors, field);
  return (
    <>
      <PageHeader
        title={vendor ? `Edit ${vendor.name}` : 'Add a vendor'}
        subtitle={vendor ? undefined : 'The company whose products you license. Only the name is required.'}
        back={vendor ? { to: paths.vendor(vendor.id), label: vendor.name } : { to: paths.vendors, label: 'Vendors' }}
      />
      <FormShell
        onSubmit={save}
        onCancel={cancel}
        saving={form.saving}
        submitLabel={vendor ? 'Save changes' : 'Add vendor'}
        banner={form.banner}
        failures={form.failures}
      >
        <FormSection title="Vendor">
          <TextField name="name" label="Name" required autoFocus wide value={values.name} onChange={(v) => set('name', v)} error={err('name')} placeholder="Acme Software Ltd." />
        </FormSection>
        <FormSection title="Postal address" description="Printed on licenses and invoices. All optional.">
          <TextField name="street" label="Street" wide value={values.street} onChange={(v) => set('street', v)} error={err('street')} />
          <TextField name="city" label="City" value={values.city} onChange={(v) => set('city', v)} error={err('city')} />
          <TextField name="region" label="Region or state" value={values.region} onChange={(v) => set('region', v)} error={err('region')} />
          <TextField name="postal" label="Postal code" value={values.postal} onChange={(v) => set('postal', v)} error={err('postal')} />
          <TextField name="country" label="Country" value={values.country} onChange={(v) => set('country', v)} error={err('country')} />
        </FormSection>
      </FormShell>
    </>
  );
}
