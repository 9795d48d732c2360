/**
 * A license's timeline: its audit entries (everything that touched it is recorded on
 * the license), oldest first, each with one sentence for a person.
 */
import { providerLabel } from '../sales/providers';
import { statement } from '../../store/statements';
import { notFound } from '../../api/errors';
import type { Store } from '../../store/open';
import { dayText, plural } from './terms';
import type { TimelineEntry } from './types';
import { domainTerms } from './domains';

/** The license's own entries, and the batch that issued it (batches record their license id range). */
const TIMELINE_SQL = `
SELECT id, at, actor, action, details FROM audit_log WHERE target_type = 'license' AND target_id = @key
UNION ALL
SELECT id, at, actor, action, details FROM audit_log
WHERE action = 'license.issueBatch' AND json_extract(details, '$.firstLicenseId') <= @id AND json_extract(details, '$.lastLicenseId') >= @id
ORDER BY at, id`;

type Details = Record<string, unknown>;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const date = (v: unknown): string => dayText(typeof v === 'string' ? v : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x !== null && 'domain' in x ? text((x as Details).domain) : text(x))) : []);
const withReason = (sentence: string, reason: unknown) => (reason ? `${sentence}: ${text(reason)}.` : `${sentence}.`);
const overrideNote = (d: Details) => {
  const override = d.override as Details | undefined;
  return override?.reason ? ` (override: ${text(override.reason)})` : '';
};
const nameOrId = (name: unknown, id: unknown) => (name ? text(name) : id === null || id === undefined ? 'no customer' : `customer ${text(id)}`);

/** One sentence for an entry; actions this module does not know still read sensibly. */
export function summarize(action: string, actor: string, d: Details): string {
  switch (action) {
    case 'license.issue': {
      const domains = list(d.domains);
      const parts = [`${text(d.sku) || `SKU ${text(d.skuId)}`} for ${text(d.owner)}`, d.expires ? `expires ${date(d.expires)}` : 'never expires'];
      if (domains.length) parts.push(`with ${plural(domains.length, 'domain')} (${domains.join(', ')})`);
      const bought = d.purchase as Details | undefined;
      if (bought) {
        // Fulfilment of a purchase: which one, and which unit of it.
        const unit = Number(bought.of) > 1 ? `, license ${text(bought.unit)} of ${text(bought.of)}` : '';
        parts.push(`for ${providerLabel(text(bought.provider))} purchase ${text(bought.providerTxnId)}${unit}`);
      }
      return `Issued by ${actor}: ${parts.join(', ')}${overrideNote(d)}.`;
    }
    case 'license.issueBatch':
      return `Issued by ${actor} in a batch of ${plural(Number(d.licenses ?? d.rows ?? 0), 'license')}.`;
    case 'license.revoke':
      return withReason(`Revoked by ${actor}`, d.reason);
    case 'license.suspend':
      return withReason(`Suspended by ${actor}`, d.reason);
    case 'license.resume': {
      const renewed = list(d.renewedDomains);
      const pending = list(d.pendingDomains);
      const opening = d.to === 'suspended' ? `Back to suspended (was revoked) by ${actor}` : `Resumed by ${actor}${d.from === 'revoked' ? ' (was revoked)' : ''}`;
      let sentence = withReason(opening, d.reason);
      if (renewed.length) sentence += ` Renewed ${plural(renewed.length, 'lapsed automatic domain')}: ${renewed.join(', ')}.`;
      if (pending.length) sentence += ` ${plural(pending.length, 'lapsed automatic domain')} (${pending.join(', ')}) will be renewed by the next renewal sweep with the keys unlocked.`;
      for (const full of (Array.isArray(d.fullDomains) ? d.fullDomains : []) as Details[]) sentence += ` ${text(full.reason)}`;
      return sentence;
    }
    case 'license.renew': {
      const domains = list(d.domains);
      const to = d.to === null ? 'made perpetual (never expires)' : `now expires ${date(d.to)}`;
      const was = d.from ? ` (was ${date(d.from)})` : '';
      const earlier = typeof d.to === 'string' && typeof d.from === 'string' && d.to < d.from;
      const domainNote = domains.length ? `; ${plural(domains.length, 'domain license')} ${earlier ? 'brought forward' : 'extended'} with it` : '';
      const capped = list(d.capped);
      const cappedNote = capped.length ? `; ${plural(capped.length, 'domain license')} capped to it` : '';
      const because = d.reason ? ` ${text(d.reason)}` : '';
      return `${earlier ? 'Expiry brought forward' : 'Renewed'} by ${actor}: ${to}${was}${domainNote}${cappedNote}.${because}`;
    }
    case 'license.transfer': {
      const from = (d.from ?? {}) as Details;
      const to = (d.to ?? {}) as Details;
      return withReason(`Transferred by ${actor} from ${nameOrId(from.customer, from.owningEntityId)} to ${nameOrId(to.customer, to.owningEntityId)} (owner ${text(to.owner)})`, d.reason);
    }
    case 'license.updateOwner': {
      const changes = (d.changes ?? {}) as Record<string, { from: unknown; to: unknown; fromName?: unknown; toName?: unknown }>;
      const words: Record<string, string> = { ownerName: 'owner name', owningEntityId: 'owning customer', purchasingEntityId: 'purchasing customer' };
      const customer = (name: unknown, id: unknown) => (id === null || id === undefined ? 'none' : nameOrId(name, id));
      const parts = Object.entries(changes).map(([field, c]) =>
        field === 'ownerName' ? `owner name "${text(c.from)}" → "${text(c.to)}"` : `${words[field] ?? field} ${customer(c.fromName, c.from)} → ${customer(c.toName, c.to)}`,
      );
      return `Owner details changed by ${actor}: ${parts.join('; ')}${overrideNote(d)}.`;
    }
    case 'license.supportContacts': {
      const names = list(d.names);
      return `Support contacts set by ${actor}: ${names.length ? names.join(', ') : 'none'}${overrideNote(d)}.`;
    }
    case 'domain.add':
      return `${d.reissued ? 'Re-issued' : 'Added'} domain ${text(d.domain)} ${domainTerms(Boolean(d.automatic), (d.expires as string | null) ?? null)} by ${actor}.`;
    case 'domain.delete':
      return `Deleted domain ${text(d.domain)} (${d.automatic ? 'automatic' : 'manual'}) by ${actor}${overrideNote(d)}.`;
    case 'domain.renew': {
      const domains = (Array.isArray(d.domains) ? d.domains : []) as Details[];
      return `Renewed ${plural(domains.length, 'automatic domain')} by ${actor}: ${domains.map((x) => `${text(x.domain)} until ${date(x.expires)}`).join(', ')}.`;
    }
    case 'app.linkLicense':
      return `Linked to app ${text(d.displayName) || text(d.appId)} by ${actor}.`;
    case 'app.unlinkLicense':
      return `Unlinked from app ${text(d.displayName) || text(d.appId)} by ${actor}.`;
    case 'right.grant':
      return `${actor} granted ${text(d.userName) || `user ${text(d.userId)}`} the right "${text(d.right)}" on this license.`;
    case 'right.revoke':
      return `${actor} removed ${text(d.userName) || `user ${text(d.userId)}`}'s right "${text(d.right)}" on this license${d.because ? ` (${text(d.because)})` : ''}.`;
    case 'license.supportContactRemoved':
      return `Support contact ${text(d.name)} removed by ${actor}${d.because ? ` (${text(d.because)})` : ''}.`;
    default:
      return `${action} by ${actor}.`;
  }
}

export function licenseTimeline(store: Store, id: number): TimelineEntry[] {
  const exists = statement(store.sqlite, 'SELECT 1 FROM licenses WHERE id = ?').get(id);
  if (!exists) throw notFound('License', id);
  const rows = statement(store.sqlite, TIMELINE_SQL).all({ key: String(id), id }) as Array<Omit<TimelineEntry, 'summary' | 'details'> & { details: string }>;
  return rows.map((row) => {
    const details = parseDetails(row.details);
    return { ...row, details, summary: summarize(row.action, row.actor, details) };
  });
}

function parseDetails(raw: string): Details {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Details) : {};
  } catch {
    return {};
  }
}

