/**
 * A license's domain licenses: how many of the SKU's allowance are used, each domain's
 * state and why, adding one by hand (a refusal is shown under the field), downloading
 * its signed file, and deleting one (where the SKU forbids it, only with a reason).
 */
import { useState } from 'react';
import type { DomainLicenseRow, LicenseDetail } from '../../../../src-main/domain/licenses/types';
import { api, messageOf } from '../../../api/client';
import { downloadText } from '../../../api/download';
import { EmptyState } from '../../../components/EmptyState';
import { Section } from '../../../components/Section';
import { useToast } from '../../../components/Toasts';
import { formatDay } from '../../../format/dates';
import { plural } from '../../../format/numbers';
import { TextField } from '../../../forms/fields';
import { errorFor, useApiForm } from '../../../forms/useApiForm';
import { useVault } from '../../keys/VaultContext';
import { DomainStateBadge } from '../LicenseBadges';
import { domainStateWhy } from '../licenseWords';
import { ReasonDialog } from './ReasonDialog';

/** "2 of 3 domains used", or "2 domains (no limit)". */
export function domainUsage(live: number, max: number | null): string {
  return max === null ? `${plural(live, 'domain')} (no limit)` : `${live} of ${max} domains used`;
}

export function DomainsSection({ license, onChanged }: { license: LicenseDetail; onChanged: () => void }) {
  const { domains, limits } = license;
  const full = limits.maxDomains !== null && limits.liveDomains >= limits.maxDomains;
  return (
    <Section title="Domains" count={domains.length}>
      <p className="section__intro">
        <strong className="usage">{domainUsage(limits.liveDomains, limits.maxDomains)}</strong>
        <span className="muted">
          {' '}
          · expired domains do not count.{full ? ' The limit is reached: delete a domain (where the SKU allows it) to make room.' : ''}
        </span>
      </p>
      <AddDomainForm license={license} onAdded={onChanged} />
      {domains.length === 0 ? (
        <EmptyState compact title="No domains yet.">
          <p>Add the customer’s domains by hand above; automatic ones appear when licensed software registers them.</p>
        </EmptyState>
      ) : (
        <DomainTable license={license} domains={domains} onChanged={onChanged} />
      )}
    </Section>
  );
}

function AddDomainForm({ license, onAdded }: { license: LicenseDetail; onAdded: () => void }) {
  const form = useApiForm();
  const toast = useToast();
  const vault = useVault();
  const [domain, setDomain] = useState('');
  // Typing after a refusal takes it away, including one that named no field.
  const [typedSinceRefusal, setTypedSinceRefusal] = useState(false);
  const days = license.limits.manualDomainDuration;
  // A refusal that names no field (the limit, a duplicate) is still about this box;
  // while a new try is on its way, the last one's refusal is stale and not shown.
  const refusal = typedSinceRefusal || form.saving ? undefined : (errorFor(form.errors, 'domain') ?? errorFor(form.errors, 'licenseId') ?? form.banner ?? undefined);

  async function add() {
    setTypedSinceRefusal(false);
    const added = await form.submit('domain.add', { licenseId: license.id, domain }, vault.recoverLocked);
    if (!added) return;
    toast.success(`Domain ${added.domainName} added to license ${license.id}.`);
    setDomain('');
    onAdded();
  }

  return (
    <form
      className="domain-add"
      noValidate
      aria-label="Add a domain to this license"
      onSubmit={(event) => {
        event.preventDefault();
        if (!form.saving) void add();
      }}
    >
      <TextField
        name="domain"
        label="Add a domain"
        code
        value={domain}
        placeholder="example.com"
        onChange={(v) => {
          setDomain(v);
          setTypedSinceRefusal(true);
        }}
        hint={`A manual domain license, ${days === null ? 'without expiry' : `valid for ${plural(days, 'day')}`} (SKU ${license.sku}). “www.” is taken off.`}
        error={refusal}
      />
      <button type="submit" className="button" disabled={form.saving}>
        {form.saving ? 'Adding…' : 'Add domain'}
      </button>
      {refusal && (
        <p className="visually-hidden" role="alert">
          {refusal}
        </p>
      )}
    </form>
  );
}

function DomainTable({ license, domains, onChanged }: { license: LicenseDetail; domains: DomainLicenseRow[]; onChanged: () => void }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Domains of license {license.id}</caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Kind</th>
            <th scope="col">State</th>
            <th scope="col">Issued</th>
            <th scope="col">Expires</th>
            <th scope="col" className="cell--end">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {domains.map((d) => (
            <tr key={d.id}>
              <td className="code">{d.domainName}</td>
              <td className="cell--nowrap">{d.isAutomatic ? 'Automatic' : 'Manual'}</td>
              <td>
                <DomainStateBadge state={d.state} /> <span className="cell-note">{domainStateWhy(d, license.state)}</span>
              </td>
              <td className="cell--nowrap">{formatDay(d.issued)}</td>
              <td className="cell--nowrap">{formatDay(d.expires, 'Never')}</td>
              <td className="cell--end">
                <span className="row-actions">
                  {d.hasFile && <DownloadDomainFile licenseId={license.id} domain={d.domainName} />}
                  <DeleteDomainButton license={license} domain={d} onDeleted={onChanged} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DownloadDomainFile({ licenseId, domain }: { licenseId: number; domain: string }) {
  const toast = useToast();
  async function download() {
    try {
      const signed = await api('license.file', { licenseId, domain });
      downloadText(`${domain}.license`, signed.file, 'text/plain');
    } catch (error) {
      toast.error(`The file of ${domain} could not be read: ${messageOf(error)}`);
    }
  }
  return (
    <button type="button" className="button button--small" aria-label={`Download the license file of ${domain}`} onClick={() => void download()}>
      File
    </button>
  );
}

function DeleteDomainButton({ license, domain, onDeleted }: { license: LicenseDetail; domain: DomainLicenseRow; onDeleted: () => void }) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const kind = domain.isAutomatic ? 'automatic' : 'manual';
  const allowed = domain.isAutomatic ? license.limits.canDeleteAutoDomains : license.limits.canDeleteManualDomains;

  return (
    <>
      <button type="button" className="button button--small button--danger-quiet" aria-label={`Delete domain ${domain.domainName}`} onClick={() => setOpen(true)}>
        Delete
      </button>
      {open && (
        <ReasonDialog
          title={`Delete domain ${domain.domainName}?`}
          confirmLabel="Delete domain"
          busyLabel="Deleting…"
          danger
          reasonLabel={allowed ? undefined : 'Reason to override'}
          reasonField="override.reason"
          reasonHint="SKU rules are overridden only with a reason; the audit log keeps it."
          onClose={() => setOpen(false)}
          run={async (form, reason) => {
            const done = await form.submit('domain.delete', { id: domain.id, override: allowed ? undefined : { reason } });
            if (!done) return false;
            toast.success(`Domain ${domain.domainName} deleted from license ${license.id}.`);
            onDeleted();
            return true;
          }}
        >
          <p>
            The {kind} domain license <strong className="code">{domain.domainName}</strong> goes, with its signed file; its place under the SKU’s limit is
            freed.
          </p>
          {allowed ? (
            <p className="muted">This cannot be undone, but the domain can be added again.</p>
          ) : (
            <p className="window-note window-note--closed">
              SKU {license.sku} does not allow deleting {kind} domains. You may still delete it with a reason.
            </p>
          )}
        </ReasonDialog>
      )}
    </>
  );
}
