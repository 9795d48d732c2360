/** Who is told what about an app (licensing failures, outdated versions…): subscribe and unsubscribe. */
import { useState } from 'react';
import type { AppDetail } from '../../../src-main/domain/apps/types';
import { Dialog } from '../../components/Dialog';
import { DialogActions } from '../../components/DialogActions';
import { EmptyState } from '../../components/EmptyState';
import { RecordPicker, type PickedRecord } from '../../components/RecordPicker';
import { searchUsers } from '../../components/recordSearches';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { DialogRefusal } from '../../forms/DialogRefusal';
import { SelectField } from '../../forms/fields';
import { SubscriptionsTable } from './SubscriptionsTable';
import { errorFor, useApiForm, type FieldErrors } from '../../forms/useApiForm';
import { useApiQuery } from '../../hooks/useApiQuery';

export function AppNotificationsSection({ app, onChanged }: { app: AppDetail; onChanged: () => void }) {
  const [subscribing, setSubscribing] = useState(false);
  return (
    <Section
      title="Notifications"
      count={app.subscriptions.length}
      actions={
        <button type="button" className="button button--small" onClick={() => setSubscribing(true)}>
          Subscribe a user…
        </button>
      }
    >
      {app.subscriptions.length === 0 ? (
        <EmptyState compact title="No one is notified about this app.">
          <p>Subscribe a colleague or a customer’s contact to the kinds of news they need.</p>
        </EmptyState>
      ) : (
        <SubscriptionsTable subscriptions={app.subscriptions} caption={`Notification subscriptions of ${app.displayName}`} by="user" onChanged={onChanged} />
      )}
      {subscribing && (
        <SubscribeDialog
          app={app}
          onClose={() => setSubscribing(false)}
          onSubscribed={() => {
            setSubscribing(false);
            onChanged();
          }}
        />
      )}
    </Section>
  );
}

function SubscribeDialog({ app, onClose, onSubscribed }: { app: AppDetail; onClose: () => void; onSubscribed: () => void }) {
  const toast = useToast();
  const form = useApiForm();
  const kinds = useApiQuery('app.notificationKinds', {});
  const [user, setUser] = useState<PickedRecord | null>(null);
  const [kindId, setKindId] = useState('');

  async function submit() {
    const missing: FieldErrors = {};
    if (!user) missing.userId = 'Choose who is notified.';
    if (!Number(kindId)) missing.kindId = 'Choose what they are notified of.';
    if (!user || Object.keys(missing).length) return form.reject(missing);
    const subscription = await form.submit('app.subscribe', { appId: app.id, userId: Number(user.value), kindId: Number(kindId) });
    if (!subscription) return;
    toast.success(`${subscription.userName} will be notified of ${subscription.kind} for ${app.displayName}.`);
    onSubscribed();
  }

  const kindOptions = (kinds.data ?? []).map((k) => ({ value: String(k.id), label: k.kind }));
  return (
    <Dialog
      title={`Notify someone about ${app.displayName}`}
      wide
      onClose={onClose}
      onSubmit={() => void submit()}
      failures={form.failures}
      actions={<DialogActions saving={form.saving} label="Subscribe" busyLabel="Subscribing…" onCancel={onClose} />}
    >
      <DialogRefusal form={form} fields={['userId', 'kindId']} />
      <div className="dialog__fields dialog__fields--two">
        <RecordPicker
          name="userId"
          label="User"
          required
          autoFocus
          search={searchUsers}
          value={user}
          placeholder="Type a name or email"
          noMatch="No user matches."
          onChange={(picked) => {
            setUser(picked);
            form.clearError('userId');
          }}
          error={errorFor(form.errors, 'userId')}
        />
        <SelectField
          name="kindId"
          label="Notify of"
          required
          value={kindId}
          options={kindOptions}
          placeholder={kinds.data === undefined ? 'Loading…' : 'Choose a kind…'}
          onChange={(v) => {
            setKindId(v);
            form.clearError('kindId');
          }}
          error={errorFor(form.errors, 'kindId') ?? kinds.error?.message}
        />
      </div>
    </Dialog>
  );
}
