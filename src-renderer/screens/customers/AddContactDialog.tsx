/** A customer's contact person: a user tied to the customer (user.create with customerId). */
import { useState } from 'react';
import type { Customer, User } from '../../../src-main/domain/people/types';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import { useToast } from '../../components/Toasts';
import { DialogRefusal } from '../../forms/DialogRefusal';
import { TextField } from '../../forms/fields';
import { errorFor, useApiForm } from '../../forms/useApiForm';

interface AddContactDialogProps {
  customer: Customer;
  onClose: () => void;
  onAdded: (user: User) => void;
}

export function AddContactDialog({ customer, onClose, onAdded }: AddContactDialogProps) {
  const toast = useToast();
  const form = useApiForm();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');

  async function submit() {
    const user = await form.submit('user.create', { name, email, customerId: customer.id });
    if (!user) return;
    toast.success(`${user.name} added as a contact of ${customer.name}.`);
    onAdded(user);
  }

  return (
    <Dialog
      title={`Add a contact to ${customer.name}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Add contact" busyLabel="Adding…" onCancel={onClose} />}
    >
      <p>A person at {customer.name}: they can be a license’s support contact and receive app notifications. They start as a viewer.</p>
      <DialogRefusal form={form} fields={['name', 'email']} />
      <div className="dialog__fields">
        <TextField
          name="name"
          label="Name"
          required
          autoFocus
          value={name}
          onChange={(v) => {
            setName(v);
            form.clearError('name');
          }}
          error={errorFor(form.errors, 'name')}
        />
        <TextField
          name="email"
          label="Email"
          required
          value={email}
          placeholder="name@example.com"
          onChange={(v) => {
            setEmail(v);
            form.clearError('email');
          }}
          error={errorFor(form.errors, 'email')}
        />
      </div>
    </Dialog>
  );
}
