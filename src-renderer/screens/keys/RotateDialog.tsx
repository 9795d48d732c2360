/**
 * Rotating a SKU to another key: the SKU signs with the new key from now on, and every
 * live license and domain license of it is re-signed, as a job whose progress shows
 * here (polled). Old keys no SKU uses any more are retired and kept, so files they
 * signed still verify.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { SkuRef } from '../../../src-main/domain/catalog/types';
import type { JobStatus } from '../../../src-main/domain/jobs/jobs';
import type { RotationResult } from '../../../src-main/domain/keys/rotation';
import type { SigningKeyDetail } from '../../../src-main/domain/keys/types';
import { api, messageOf } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { plural } from '../../format/numbers';
import { groupFingerprint } from '../../format/keys';
import { DialogRefusal } from '../../forms/DialogRefusal';
import { ReadOnlyField, SelectField, TextField } from '../../forms/fields';
import { errorFor, useApiForm } from '../../forms/useApiForm';
import { useApiQuery, useWholeList } from '../../hooks/useApiQuery';
import { keyPaths } from './keyPaths';
import { useVault } from './VaultContext';

const POLL_MS = 300;

type Target = 'this' | 'other' | 'new';

interface RotateDialogProps {
  /** The key whose page this is. */
  signingKey: SigningKeyDetail;
  /** A SKU that signs with this key, to rotate away from it; absent: choose a SKU to rotate to this key. */
  sku?: SkuRef;
  onClose: () => void;
  /** The job has ended (done or failed): the page shows the new state. */
  onFinished: () => void;
}

export function RotateDialog({ signingKey, sku, onClose, onFinished }: RotateDialogProps) {
  const [job, setJob] = useState<JobStatus | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    let current = true;
    const timer = window.setTimeout(() => {
      api('job.get', { id: job.id }).then(
        (next) => {
          if (!current) return;
          setJob(next);
          if (next.state !== 'running') onFinished();
        },
        (error: unknown) => current && setPollError(messageOf(error)),
      );
    }, POLL_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [job, onFinished]);

  if (!job) {
    return (
      <ChooseRotation
        signingKey={signingKey}
        sku={sku}
        onClose={onClose}
        onStarted={(started) => {
          setJob(started);
          if (started.state !== 'running') onFinished();
        }}
      />
    );
  }
  return <RotationProgress job={job} pollError={pollError} vendorId={signingKey.vendorId} thisKeyId={signingKey.id} onClose={onClose} />;
}

function ChooseRotation({ signingKey, sku, onClose, onStarted }: Omit<RotateDialogProps, 'onFinished'> & { onStarted: (job: JobStatus) => void }) {
  const vault = useVault();
  const form = useApiForm();
  const vendorSkus = useWholeList('sku.list', sku ? null : { vendorId: signingKey.vendorId, sort: 'sku' });
  const vendorKeys = useApiQuery('key.list', { vendorId: signingKey.vendorId });
  const skuChoices = (vendorSkus.data ?? [])
    .filter((s) => s.privateKeyId !== signingKey.id)
    .map((s) => ({ value: String(s.id), label: `${s.sku}${s.name ? ` — ${s.name}` : ''}${s.privateKeyId ? '' : ' (no key yet)'}` }));
  const otherKeys = (vendorKeys.data ?? []).filter((k) => k.id !== signingKey.id && !k.retiredAt);
  const canUseThis = !sku && !signingKey.retiredAt;
  const targets: { value: Target; label: string }[] = [
    ...(canUseThis ? [{ value: 'this' as const, label: `This key, “${signingKey.displayName}”` }] : []),
    ...(sku && otherKeys.length ? [{ value: 'other' as const, label: `Another key of ${signingKey.vendorName}` }] : []),
    { value: 'new', label: 'A new key, generated now' },
  ];

  const [skuId, setSkuId] = useState('');
  const [chosenTarget, setTarget] = useState<Target | null>(null);
  const target: Target = chosenTarget ?? targets[0].value;
  const [otherKeyId, setOtherKeyId] = useState('');
  const [newKeyName, setNewKeyName] = useState('');

  async function submit() {
    const rotatedSkuId = sku?.id ?? Number(skuId);
    if (!rotatedSkuId) return form.reject({ skuId: 'Choose the SKU to rotate.' });
    if (target === 'other' && !Number(otherKeyId)) return form.reject({ keyId: 'Choose the key to sign with.' });
    const input =
      target === 'new'
        ? { skuId: rotatedSkuId, newKeyName }
        : { skuId: rotatedSkuId, keyId: target === 'this' ? signingKey.id : Number(otherKeyId) };
    const job = await form.submit('key.rotate', input, vault.recoverLocked);
    if (job) onStarted(job);
  }

  const skuName = sku ? sku.sku : (vendorSkus.data ?? []).find((s) => String(s.id) === skuId)?.sku;
  return (
    <Dialog
      title={sku ? `Rotate ${sku.sku} to another key` : 'Rotate a SKU to this key'}
      wide
      onClose={onClose}
      onSubmit={submit}
      failures={form.failures}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={form.saving}>
            {form.saving ? 'Starting…' : 'Rotate and re-sign'}
          </button>
        </>
      }
    >
      <p>
        {skuName ? <strong>{skuName}</strong> : 'The SKU'} signs with the chosen key from now on, and each of its live licenses and domain
        licenses is re-signed with it (same terms, new signature). Keys no SKU uses any more are retired, and kept so the files they signed
        still verify.
      </p>
      <DialogRefusal form={form} fields={['skuId', 'keyId', 'newKeyName']} />
      <div className="dialog__fields dialog__fields--two">
        {sku ? (
          <ReadOnlyField label="SKU">
            <span className="code">{sku.sku}</span>
            {sku.name && <span className="muted">&nbsp;— {sku.name}</span>}
          </ReadOnlyField>
        ) : (
          <SelectField
            name="skuId"
            label="SKU"
            required
            autoFocus
            value={skuId}
            onChange={(v) => {
              setSkuId(v);
              form.clearError('skuId');
            }}
            options={skuChoices}
            placeholder={
              vendorSkus.loading ? 'Loading SKUs…' : skuChoices.length ? 'Choose a SKU…' : `Every SKU of ${signingKey.vendorName} already uses this key`
            }
            error={errorFor(form.errors, 'skuId') ?? vendorSkus.error?.message}
          />
        )}
        <fieldset className="field radio-group" aria-describedby={errorFor(form.errors, 'keyId') ? 'field-keyId-error' : undefined}>
          <legend className="field__label">Sign with</legend>
          {targets.map((t, i) => (
            <label key={t.value} className="radio-group__item">
              <input
                type="radio"
                className="checkbox"
                name="target"
                value={t.value}
                checked={target === t.value}
                autoFocus={Boolean(sku) && i === 0}
                data-autofocus={sku && i === 0 ? 'true' : undefined}
                onChange={() => {
                  setTarget(t.value);
                  form.clearError('keyId');
                  form.clearError('newKeyName');
                }}
              />
              {t.label}
            </label>
          ))}
        </fieldset>
        {target === 'other' && (
          <SelectField
            name="keyId"
            label="Key"
            required
            value={otherKeyId}
            onChange={(v) => {
              setOtherKeyId(v);
              form.clearError('keyId');
            }}
            options={otherKeys.map((k) => ({ value: String(k.id), label: `${k.displayName} · ${groupFingerprint(k.fingerprint)}` }))}
            placeholder="Choose a key…"
            error={errorFor(form.errors, 'keyId')}
          />
        )}
        {target === 'new' && (
          <TextField
            name="newKeyName"
            label="Name of the new key"
            required
            value={newKeyName}
            placeholder="e.g. Licenses 2027"
            onChange={(v) => {
              setNewKeyName(v);
              form.clearError('newKeyName');
            }}
            error={errorFor(form.errors, 'newKeyName')}
          />
        )}
        {target !== 'other' && target !== 'new' && errorFor(form.errors, 'keyId') && (
          <p className="field__error field--wide" id="field-keyId-error">
            {errorFor(form.errors, 'keyId')}
          </p>
        )}
      </div>
    </Dialog>
  );
}

function RotationProgress({ job, pollError, vendorId, thisKeyId, onClose }: { job: JobStatus; pollError: string | null; vendorId: number; thisKeyId: number; onClose: () => void }) {
  const result = job.state === 'done' ? (job.result as RotationResult) : null;
  // Names of the keys the rotation retired (and of the new key), once it is done.
  const keys = useApiQuery('key.list', result ? { vendorId, includeRetired: true } : null);
  const nameOf = (id: number) => keys.data?.find((k) => k.id === id);
  const running = job.state === 'running';

  return (
    <Dialog
      title={job.title}
      wide
      onClose={onClose}
      actions={
        <>
          {result && result.newKeyId !== thisKeyId && (
            <Link className="button" to={keyPaths.key(result.newKeyId)}>
              Open the new key
            </Link>
          )}
          <button type="button" className={running ? 'button' : 'button button--primary'} onClick={onClose} autoFocus data-autofocus="true">
            {running ? 'Close (it goes on)' : 'Close'}
          </button>
        </>
      }
    >
      {running && (
        <div className="job-progress">
          <progress className="job-progress__bar" max={Math.max(job.total, 1)} value={job.done} aria-label="Re-signing progress" />
          <p className="job-progress__text" aria-live="polite">
            {job.total ? `${job.done.toLocaleString()} of ${plural(job.total, 'file')} re-signed` : job.message}
          </p>
        </div>
      )}
      {pollError && (
        <p className="refusal" role="alert">
          Progress could not be read: {pollError}
        </p>
      )}
      {job.state === 'failed' && (
        <p className="refusal" role="alert">
          The rotation stopped: {job.error?.message ?? job.message} Files not yet re-signed keep their old signature, which still verifies.
        </p>
      )}
      {result && (
        <div className="job-result" role="status">
          <p className="job-result__headline">
            Re-signed {plural(result.licenses, 'license')} and {plural(result.domainLicenses, 'domain license')}.
          </p>
          <p>
            Now signing with <Link to={keyPaths.key(result.newKeyId)}>“{nameOf(result.newKeyId)?.displayName ?? `key ${result.newKeyId}`}”</Link>.
          </p>
          {result.retiredKeyIds.length > 0 ? (
            <p>
              Retired (kept for verifying):{' '}
              {result.retiredKeyIds
                .map((id) => {
                  const key = nameOf(id);
                  return key ? `“${key.displayName}” (${groupFingerprint(key.fingerprint)})` : `key ${id}`;
                })
                .join(', ')}
              .
            </p>
          ) : (
            <p className="muted">No key was retired: the previous key still signs for another SKU (or there was none).</p>
          )}
          {result.unreadable.length > 0 && (
            <p className="refusal">
              {plural(result.unreadable.length, 'file')} could not be read back and kept the old signature: {result.unreadable.join(', ')}.
            </p>
          )}
        </div>
      )}
    </Dialog>
  );
}
