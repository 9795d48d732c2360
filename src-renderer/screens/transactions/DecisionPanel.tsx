/**
 * A partial refund of a purchase that issued several licenses: KeyHub cannot know which
 * of them the money was for, so staff choose which to revoke (or keep them all), with a
 * note, after a confirmation that says what will happen.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { contract } from '../../../src-main/api/contract';
import type { TransactionDetail } from '../../../src-main/domain/sales/types';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/Toasts';
import { plural } from '../../format/numbers';
import { ChoiceList } from '../../forms/ChoiceList';
import { TextAreaField } from '../../forms/fields';
import { errorFor, issuesToFields, useApiForm } from '../../forms/useApiForm';
import { LICENSE_STATE_LABELS } from '../licenses/licenseWords';
import { transactionPaths } from './transactionPaths';

type Choice = 'revoke' | 'keep';

export function DecisionPanel({ transaction: t, onDecided }: { transaction: TransactionDetail; onDecided: () => void }) {
  const toast = useToast();
  const form = useApiForm();
  const [selected, setSelected] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState<Choice | null>(null);
  const licenses = t.items.flatMap((item) => item.licenses);
  // A license revoked already (by hand, or by another refund) has nothing left to decide.
  const open = licenses.filter((l) => l.state !== 'revoked');
  const input = (choice: Choice) => ({ id: t.id, revokeLicenseIds: choice === 'revoke' ? selected : [], note });

  function ask(choice: Choice) {
    const checked = contract['transaction.decide'].input.safeParse(input(choice));
    if (!checked.success) return form.reject(issuesToFields(checked.error.issues));
    setConfirming(choice);
  }

  async function decide(choice: Choice) {
    const decided = await form.submit('transaction.decide', input(choice));
    if (!decided) return;
    setConfirming(null);
    toast.success(choice === 'revoke' ? `Revoked ${plural(selected.length, 'license')} of ${t.providerTxnId}.` : `Kept every license of ${t.providerTxnId}.`);
    onDecided();
  }

  const chosen = licenses.filter((l) => selected.includes(l.id));
  return (
    <section className="decision-panel" aria-labelledby="decision-title">
      <h2 id="decision-title" className="decision-panel__title">
        A decision is needed
      </h2>
      <p className="decision-panel__question">{t.pendingDecision}</p>
      <div className="decision-panel__fields">
        <ChoiceList
          name="revokeLicenseIds"
          legend="Licenses to revoke"
          choices={open.map((l) => ({ id: l.id, label: `License ${l.id} · ${l.sku}`, detail: `${l.ownerName} · ${LICENSE_STATE_LABELS[l.state]}` }))}
          selected={selected}
          onChange={(next) => {
            setSelected(next);
            form.clearError('revokeLicenseIds');
          }}
          empty={<p className="muted">Every license of this purchase is revoked already: keep them as they are to close the question.</p>}
          error={errorFor(form.errors, 'revokeLicenseIds')}
        />
        <TextAreaField
          name="note"
          label="Note"
          required
          rows={2}
          placeholder="Why: what the refund was for, who asked"
          hint="Kept in the payment log and the audit log, and given as the reason on revoked licenses."
          value={note}
          onChange={(v) => {
            setNote(v);
            form.clearError('note');
          }}
          error={errorFor(form.errors, 'note')}
        />
      </div>
      <div className="decision-panel__actions">
        <button type="button" className="button button--danger" disabled={selected.length === 0} onClick={() => ask('revoke')}>
          Revoke selected…
        </button>
        <button type="button" className="button" onClick={() => ask('keep')}>
          Keep all…
        </button>
      </div>
      {confirming && (
        <Dialog
          alert
          title={confirming === 'revoke' ? `Revoke ${plural(chosen.length, 'license')}?` : `Keep every license of ${t.providerTxnId}?`}
          onClose={() => setConfirming(null)}
          actions={
            <>
              <button type="button" className="button" onClick={() => setConfirming(null)} autoFocus>
                Cancel
              </button>
              <button type="button" className={confirming === 'revoke' ? 'button button--danger' : 'button button--primary'} disabled={form.saving} onClick={() => void decide(confirming)}>
                {form.saving ? 'Saving…' : confirming === 'revoke' ? 'Revoke' : 'Keep all'}
              </button>
            </>
          }
        >
          {form.banner && (
            <p className="refusal" role="alert">
              {form.banner}
            </p>
          )}
          {confirming === 'revoke' ? (
            <>
              <p>These licenses stop being valid for KeyHub: their domains stop renewing. Their owners are not told by KeyHub.</p>
              <ul className="ref-list">
                {chosen.map((l) => (
                  <li key={l.id}>
                    <Link to={transactionPaths.license(l.id)}>License {l.id}</Link> <span className="code">{l.sku}</span> {l.ownerName}
                  </li>
                ))}
              </ul>
              <p>The others stay as they are, and the question is closed.</p>
            </>
          ) : (
            <p>No license is revoked, and the question is closed. The note is kept with the decision.</p>
          )}
        </Dialog>
      )}
    </section>
  );
}
