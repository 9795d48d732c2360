import type { UserDetail, UserRole } from '../../../src-main/domain/people/types';
import { PageHeader } from '../../components/PageHeader';
import { RecordPicker, type PickedRecord } from '../../components/RecordPicker';
import { searchCustomers } from '../../components/recordSearches';
import { CheckboxField, SelectField, TextField } from '../../forms/fields';
import { FormSection, FormShell } from '../../forms/FormShell';
import { textOf } from '../../forms/text';
import type { FieldErrors } from '../../forms/useApiForm';
import { useRecordForm } from '../../forms/useRecordForm';
import { RouteRecord } from '../catalog/shared/RouteRecord';
import { userPaths } from './userPaths';
import { ROLE_OPTIONS } from './userWords';

export function NewUserScreen() {
  return <UserForm />;
}

export function EditUserScreen() {
  return (
    <RouteRecord method="user.get" what="user">
      {(user) => <UserForm user={user} />}
    </RouteRecord>
  );
}

type Works = 'staff' | 'contact';

function userValues(user: UserDetail | undefined) {
  return {
    name: textOf(user?.name),
    email: textOf(user?.email),
    // A new user is staff; the API makes a new contact a viewer unless told otherwise.
    role: (user?.role ?? 'staff') as UserRole,
    isActive: user?.isActive ?? true,
    works: (user?.customerId ? 'contact' : 'staff') as Works,
    customer: user?.customerId ? ({ value: String(user.customerId), label: user.customerName ?? `Customer ${user.customerId}` } as PickedRecord) : null,
  };
}

type UserValues = ReturnType<typeof userValues>;

function customerIdOf(values: UserValues): number | null {
  return values.works === 'contact' && values.customer ? Number(values.customer.value) : null;
}

function UserForm({ user }: { user?: UserDetail }) {
  const form = useRecordForm({
    record: user,
    initialValues: () => userValues(user),
    check: (values): FieldErrors => (values.works === 'contact' && !values.customer ? { customerId: 'Choose the customer this person works for.' } : {}),
    create: {
      method: 'user.create',
      input: (values) => ({ name: values.name, email: values.email, role: values.role, isActive: values.isActive, customerId: customerIdOf(values) }),
    },
    update: {
      method: 'user.update',
      input: (values, u) => ({ id: u.id, name: values.name, email: values.email, role: values.role, isActive: values.isActive, customerId: customerIdOf(values) }),
    },
    afterSave: (saved, added) => ({
      message: `User “${saved.name}” ${added ? 'added' : 'saved'}.`,
      to: userPaths.user(saved.id),
    }),
    leaveTo: user ? userPaths.user(user.id) : userPaths.users,
  });
  const { values, set, error } = form;

  return (
    <>
      <PageHeader
        title={user ? `Edit ${user.name}` : 'Add a user'}
        subtitle={user ? undefined : 'One of your staff, or a contact person at a customer. Name and email are required.'}
        back={user ? { to: userPaths.user(user.id), label: user.name } : { to: userPaths.users, label: 'Users & rights' }}
      />
      <FormShell form={form.controls} submitLabel={user ? 'Save changes' : 'Add user'}>
        <FormSection title="User">
          <TextField name="name" label="Name" required autoFocus value={values.name} onChange={(v) => set('name', v)} error={error('name')} />
          <TextField name="email" label="Email" required value={values.email} onChange={(v) => set('email', v)} error={error('email')} placeholder="name@example.com" />
          <SelectField name="role" label="Role" value={values.role} options={ROLE_OPTIONS} onChange={(v) => set('role', v as UserRole)} error={error('role')} />
          <CheckboxField
            name="isActive"
            label="Active"
            hint="An inactive user keeps their history but gets no notifications."
            checked={values.isActive}
            onChange={(v) => set('isActive', v)}
            error={error('isActive')}
          />
        </FormSection>
        <FormSection title="Works for" description="Your staff work for you; a contact works for one of your customers.">
          <fieldset className="field field--wide radio-group">
            <legend className="visually-hidden">Works for</legend>
            <div className="radio-group__row">
              <label className="radio-group__item">
                <input type="radio" className="checkbox" name="works" checked={values.works === 'staff'} onChange={() => set('works', 'staff')} />
                Your staff
              </label>
              <label className="radio-group__item">
                <input type="radio" className="checkbox" name="works" checked={values.works === 'contact'} onChange={() => set('works', 'contact')} />
                A customer’s contact
              </label>
            </div>
          </fieldset>
          {values.works === 'contact' && (
            <RecordPicker
              name="customerId"
              label="Customer"
              required
              wide
              search={searchCustomers}
              value={values.customer}
              onChange={(picked) => {
                set('customer', picked);
                form.clearError('customerId');
              }}
              placeholder="Type a customer’s name or email"
              noMatch="No customer matches."
              error={error('customerId')}
            />
          )}
        </FormSection>
      </FormShell>
    </>
  );
}
