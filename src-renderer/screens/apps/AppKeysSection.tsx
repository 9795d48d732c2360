/**
 * An app's keys: GUIDs the app presents. Created and deleted, never edited (the seed's
 * rule): a key that must change is replaced by a new one, then deleted.
 */
import { useState } from 'react';
import type { AppDetail } from '../../../src-main/domain/apps/types';
import { api, messageOf } from '../../api/client';
import { CopyButton } from '../../components/CopyButton';
import { DeleteButton } from '../../components/DeleteButton';
import { EmptyState } from '../../components/EmptyState';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { formatMoment } from '../../format/dates';

export function AppKeysSection({ app, onChanged }: { app: AppDetail; onChanged: () => void }) {
  const toast = useToast();
  const [creating, setCreating] = useState(false);

  async function createKey() {
    setCreating(true);
    try {
      const key = await api('app.createKey', { appId: app.id });
      toast.success(`App key ${key.id} created.`);
      onChanged();
    } catch (error) {
      toast.error(`No key was created: ${messageOf(error)}`);
    } finally {
      setCreating(false);
    }
  }

  return (
    <Section
      title="App keys"
      count={app.keys.length}
      actions={
        <button type="button" className="button button--small" onClick={() => void createKey()} disabled={creating}>
          {creating ? 'Creating…' : 'Create key'}
        </button>
      }
    >
      <p className="section__intro muted">Keys are created and deleted, never edited. To replace one, create the new key, then delete the old.</p>
      {app.keys.length === 0 ? (
        <EmptyState compact title="No app keys yet.">
          <p>Create one for each install or environment of the app.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">App keys of {app.displayName}</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Created</th>
                <th scope="col" className="cell--end">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {app.keys.map((key) => (
                <tr key={key.id}>
                  <td>
                    <code className="guid">{key.id}</code>
                  </td>
                  <td className="cell--nowrap">{formatMoment(key.createdAt)}</td>
                  <td className="cell--end">
                    <span className="row-actions">
                      <CopyButton text={key.id} what={`app key ${key.id}`} />
                      <DeleteButton
                        small
                        kind="app key"
                        name={key.id}
                        consequence="The app can no longer present this key. This cannot be undone."
                        run={() => api('app.deleteKey', { id: key.id })}
                        onDeleted={() => {
                          toast.success(`App key ${key.id} deleted.`);
                          onChanged();
                        }}
                      />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
