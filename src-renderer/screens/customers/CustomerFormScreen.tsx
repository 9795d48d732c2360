import type { Customer, CustomerKind } from '../../../src-main/domain/people/types';
import { PageHeader } from '../../components/PageHeader';
import { TextAreaField, TextField } from '../../forms/fields';
import { FormSection, FormShell } from '../../forms/FormShell';
import { textOf } from '../../forms/text';
import { useRecordForm } from '../../forms/useRecordForm';
import { RouteRecord } from '../catalog/shared/RouteRecord';
import { customerPaths } from './customerPaths';
import { CUSTOMER_KIND_OPTIONS } from './customerKinds';

export function NewCustomerScreen() {
  return <CustomerForm />;
}

export function EditCustomerScreen() {
  return (
    <RouteRecord method="customer.get" what="customer">
      {(customer) => <CustomerForm customer={customer} />}
    </RouteRecord>
  );
}

function customerValues(customer: Customer | undefined) {
  return {
    kind: customer?.kind ?? ('organization' as CustomerKind),
    name: textOf(customer?.name),
    email: textOf(customer?.email),
    phone: textOf(customer?.phone),
    street: textOf(customer?.street),
    city: textOf(customer?.city),
    region: textOf(customer?.region),
    postal: textOf(customer?.postal),
    country: textOf(customer?.country),
    notes: textOf(customer?.notes),
  };
}

function CustomerForm({ customer }: { customer?: Customer }) {
  const form = useRecordForm({
    record: customer,
    initialValues: () => customerValues(customer),
    create: { method: 'customer.create', input: (values) => values },
    update: { method: 'customer.update', input: (values, c) => ({ ...values, id: c.id }) },
    afterSave: (saved, added) => ({
      message: `Customer “${saved.name}” ${added ? 'added' : 'saved'}.`,
      to: customerPaths.customer(saved.id),
    }),
    leaveTo: customer ? customerPaths.customer(customer.id) : customerPaths.customers,
  });
  const { values, set, error } = form;
  const person = values.kind === 'person';

  return (
    <>
      <PageHeader
        title={customer ? `Edit ${customer.name}` : 'Add a customer'}
        subtitle={customer ? undefined : 'An organisation or a person who buys or owns licenses. Only the name is required.'}
        back={customer ? { to: customerPaths.customer(customer.id), label: customer.name } : { to: customerPaths.customers, label: 'Customers' }}
      />
      <FormShell form={form.controls} submitLabel={customer ? 'Save changes' : 'Add customer'}>
        <FormSection title="Customer">
          <fieldset className="field field--wide radio-group">
            <legend className="field__label">Kind</legend>
            <div className="radio-group__row">
              {CUSTOMER_KIND_OPTIONS.map((option) => (
                <label key={option.value} className="radio-group__item">
                  <input
                    type="radio"
                    className="checkbox"
                    name="kind"
                    value={option.value}
                    checked={values.kind === option.value}
                    onChange={() => set('kind', option.value)}
                  />
                  {option.label}
                </label>
              ))}
            </div>
          </fieldset>
          <TextField
            name="name"
            label={person ? 'Full name' : 'Organisation name'}
            required
            autoFocus
            wide
            value={values.name}
            onChange={(v) => set('name', v)}
            error={error('name')}
            placeholder={person ? 'Kathrin Fretz' : 'Photometer AG'}
          />
        </FormSection>
        <FormSection title="Contact details" description="How to reach them about their licenses. All optional.">
          <TextField name="email" label="Email" value={values.email} onChange={(v) => set('email', v)} error={error('email')} placeholder="billing@example.com" />
          <TextField name="phone" label="Phone" value={values.phone} onChange={(v) => set('phone', v)} error={error('phone')} />
          <TextField name="street" label="Street" wide value={values.street} onChange={(v) => set('street', v)} error={error('street')} />
          <TextField name="city" label="City" value={values.city} onChange={(v) => set('city', v)} error={error('city')} />
          <TextField name="region" label="Region or state" value={values.region} onChange={(v) => set('region', v)} error={error('region')} />
          <TextField name="postal" label="Postal code" value={values.postal} onChange={(v) => set('postal', v)} error={error('postal')} />
          <TextField name="country" label="Country" value={values.country} onChange={(v) => set('country', v)} error={error('country')} />
          <TextAreaField name="notes" label="Notes" value={values.notes} onChange={(v) => set('notes', v)} error={error('notes')} hint="For your colleagues; never printed on a license." />
        </FormSection>
      </FormShell>
    </>
  );
}
