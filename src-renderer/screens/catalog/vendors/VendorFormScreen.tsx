import type { Vendor } from '../../../../src-main/domain/catalog/types';
import { PageHeader } from '../../../components/PageHeader';
import { TextField } from '../../../forms/fields';
import { FormSection, FormShell } from '../../../forms/FormShell';
import { textOf } from '../../../forms/text';
import { useRecordForm } from '../../../forms/useRecordForm';
import { paths } from '../shared/paths';
import { RouteRecord } from '../shared/RouteRecord';

export function NewVendorScreen() {
  return <VendorForm />;
}

export function EditVendorScreen() {
  return (
    <RouteRecord method="vendor.get" what="vendor">
      {(vendor) => <VendorForm vendor={vendor} />}
    </RouteRecord>
  );
}

function vendorValues(vendor: Vendor | undefined) {
  return {
    name: textOf(vendor?.name),
    street: textOf(vendor?.street),
    city: textOf(vendor?.city),
    region: textOf(vendor?.region),
    postal: textOf(vendor?.postal),
    country: textOf(vendor?.country),
  };
}

function VendorForm({ vendor }: { vendor?: Vendor }) {
  const form = useRecordForm({
    record: vendor,
    initialValues: () => vendorValues(vendor),
    create: { method: 'vendor.create', input: (values) => values },
    update: { method: 'vendor.update', input: (values, v) => ({ ...values, id: v.id }) },
    afterSave: (saved, added) => ({
      message: `Vendor “${saved.name}” ${added ? 'added' : 'saved'}.`,
      to: paths.vendor(saved.id),
    }),
    leaveTo: vendor ? paths.vendor(vendor.id) : paths.vendors,
  });
  const { values, set, error } = form;

  return (
    <>
      <PageHeader
        title={vendor ? `Edit ${vendor.name}` : 'Add a vendor'}
        subtitle={vendor ? undefined : 'The company whose products you license. Only the name is required.'}
        back={vendor ? { to: paths.vendor(vendor.id), label: vendor.name } : { to: paths.vendors, label: 'Vendors' }}
      />
      <FormShell form={form.controls} submitLabel={vendor ? 'Save changes' : 'Add vendor'}>
        <FormSection title="Vendor">
          <TextField name="name" label="Name" required autoFocus wide value={values.name} onChange={(v) => set('name', v)} error={error('name')} placeholder="Acme Software Ltd." />
        </FormSection>
        <FormSection title="Postal address" description="Printed on licenses and invoices. All optional.">
          <TextField name="street" label="Street" wide value={values.street} onChange={(v) => set('street', v)} error={error('street')} />
          <TextField name="city" label="City" value={values.city} onChange={(v) => set('city', v)} error={error('city')} />
          <TextField name="region" label="Region or state" value={values.region} onChange={(v) => set('region', v)} error={error('region')} />
          <TextField name="postal" label="Postal code" value={values.postal} onChange={(v) => set('postal', v)} error={error('postal')} />
          <TextField name="country" label="Country" value={values.country} onChange={(v) => set('country', v)} error={error('country')} />
        </FormSection>
      </FormShell>
    </>
  );
}
