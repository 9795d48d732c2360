/**
 * The rights themselves ("Support", "Issue licenses"): what can be granted. Adding one
 * is a name; deleting one is refused while anyone holds it (revoke those grants first).
 */
import { useState } from 'react';
import { api } from '../../api/client';
import { DeleteButton } from '../../components/DeleteButton';
import { EmptyState } from '../../components/EmptyState';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { plural } from '../../format/numbers';
import { TextField } from '../../forms/fields';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { useApiQuery } from '../../hooks/useApiQuery';
import { UsersAreaHeader } from './UsersAreaHeader';

export function RightsScreen() {
  const rights = useApiQuery('right.list', {});
  const toast = useToast();
  const rows = rights.data ?? rights.lastData;

  return (
    <>
      <UsersAreaHeader onGranted={rights.reload} />
      <NewRightForm onAdded={rights.reload} />
      <Section title="Rights" count={rows?.length}>
        {rights.error ? (
          <p className="section__error" role="alert">
            {rights.error.message}{' '}
            <button type="button" className="button button--small" onClick={rights.reload}>
              Try again
            </button>
          </p>
        ) : !rows ? (
          <p className="loading">Loading rights…</p>
        ) : rows.length === 0 ? (
          <EmptyState compact title="No rights yet.">
            <p>Add a right above (“Support”, “Issue licenses”), then grant it to users on licenses, apps or customers.</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Rights</caption>
              <thead>
                <tr>
                  <th scope="col">Right</th>
                  <th scope="col" className="cell--end">
                    Held
                  </th>
                  <th scope="col" className="cell--end">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((right) => (
                  <tr key={right.id}>
                    <td>{right.name}</td>
                    <td className="cell--end cell--nowrap">{plural(right.grantCount, 'grant')}</td>
                    <td className="cell--end">
                      <DeleteButton
                        small
                        kind="right"
                        name={right.name}
                        consequence="Only a right no one holds can be deleted. This cannot be undone."
                        run={() => api('right.delete', { id: right.id })}
                        onDeleted={() => {
                          toast.success(`Right “${right.name}” deleted.`);
                          rights.reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}

function NewRightForm({ onAdded }: { onAdded: () => void }) {
  const toast = useToast();
  const form = useApiForm();
  const [name, setName] = useState('');

  async function submit() {
    const right = await form.submit('right.create', { name });
    if (!right) return;
    toast.success(`Right “${right.name}” added. Grant it from a user’s page, a record’s page, or Grant a right.`);
    setName('');
    onAdded();
  }

  return (
    <form
      className="card inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!form.saving) void submit();
      }}
    >
      <TextField
        name="rightName"
        label="New right"
        value={name}
        placeholder="e.g. Support, Issue licenses"
        onChange={(v) => {
          setName(v);
          form.clearError('name');
        }}
        error={errorFor(form.errors, 'name') ?? (Object.keys(form.errors).length ? undefined : form.banner ?? undefined)}
      />
      <button type="submit" className="button button--primary" disabled={form.saving}>
        {form.saving ? 'Adding…' : 'Add right'}
      </button>
    </form>
  );
}
