/**
 * keyhub license issue|list|show|revoke|suspend|resume|renew|transfer|owner|contacts|timeline|file:
 * the license lifecycle. Commands that sign (issue, renew, transfer, an owner rename)
 * unlock the keys like `keyhub sign`; resume uses them only when a passphrase is given.
 */
import path from 'node:path';
import { Command, Option } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { LICENSE_FILTERS, LICENSE_SORT } from '../../../api/schemas';
import type { SignedLicense } from '../../../domain/licenses/issue';
import type { CappedPage, DomainLicenseRow, LicenseDetail, LicenseRow, TimelineEntry } from '../../../domain/licenses/types';
import { action, type Outcome } from '../action';
import { keyValues, listOutput, NONE, section, showDate, showLimit, table, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { addPassphraseOption, STORE_PASSPHRASE, unlockKeys } from '../passphrase';
import { CLEAR, collectList, idList, numberOrNone, positiveId, wholeNumber } from '../parse';
import { resolveSkuFlag } from '../resolve';
import type { CliSession } from '../session';
import { writeOutput } from '../terminal';
import { collectDomains, expiresInput, fileNameOf } from './sign';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "active", "suspended (Payment overdue)". */
const stateText = (l: LicenseRow) => (l.statusReason && l.state !== 'active' && l.state !== 'expired' ? `${l.state} (${l.statusReason})` : l.state);
const customerText = (name: string | null, id: number | null) => (id === null ? NONE : `${name ?? '?'} (${id})`);
const expiresText = (iso: string | null) => (iso === null ? 'never' : showDate(iso));

export const LICENSE_COLUMNS: Column<LicenseRow>[] = [
  { header: 'id', value: (l) => l.id, align: 'right' },
  { header: 'owner', value: (l) => l.ownerName },
  { header: 'sku', value: (l) => l.sku },
  { header: 'state', value: (l) => l.state },
  { header: 'issued', value: (l) => showDate(l.issued) },
  { header: 'expires', value: (l) => expiresText(l.expires) },
  { header: 'domains', value: (l) => l.liveDomainCount, align: 'right' },
  { header: 'apps', value: (l) => l.appCount, align: 'right' },
];

export const DOMAIN_COLUMNS: Column<DomainLicenseRow>[] = [
  { header: 'id', value: (d) => d.id, align: 'right' },
  { header: 'domain', value: (d) => d.domainName },
  { header: 'kind', value: (d) => (d.isAutomatic ? 'automatic' : 'manual') },
  { header: 'state', value: (d) => d.state },
  { header: 'issued', value: (d) => showDate(d.issued) },
  { header: 'expires', value: (d) => expiresText(d.expires) },
];

/** A list page whose total may be a lower bound (large stores stop counting). */
export function cappedListOutput<T>(page: CappedPage<T>, columns: Column<T>[], noun: string, emptyHint?: string): string {
  const text = listOutput(page, columns, noun, emptyHint);
  return page.totalIsLowerBound ? text.replace(` of ${page.total} ${noun}.`, ` of at least ${page.total} ${noun}.`) : text;
}

export function licenseBlock(l: LicenseDetail): string {
  const head = keyValues([
    ['ID', l.id],
    ['Owner', l.ownerName],
    ['SKU', `${l.sku} (${l.skuId}), ${l.vendorName}`],
    ['State', stateText(l)],
    ['Owning customer', customerText(l.owningEntityName, l.owningEntityId)],
    ['Purchasing customer', customerText(l.purchasingEntityName, l.purchasingEntityId)],
    ['Issued', showDate(l.issued)],
    ['Expires', expiresText(l.expires)],
    ['Features', l.features.join(', ')],
    ['Message', l.message],
    ['Signed by key', l.keyFingerprint],
    ['Domains', `${l.limits.liveDomains} live of ${showLimit(l.limits.maxDomains)}`],
    ['Support contacts', `${l.supportContacts.length} of ${showLimit(l.limits.maxSupportContacts)}`],
    ['Owner editable until', l.limits.ownershipEditableUntil === null ? 'always' : showDate(l.limits.ownershipEditableUntil)],
    ['Contacts changeable until', l.limits.supportContactsEditableUntil === null ? 'always' : showDate(l.limits.supportContactsEditableUntil)],
    ['Delete domains', `manual ${l.limits.canDeleteManualDomains ? 'yes' : 'no'}, automatic ${l.limits.canDeleteAutoDomains ? 'yes' : 'no'}`],
  ]);
  const domains = l.domains.length ? table(DOMAIN_COLUMNS, l.domains) : '(none)';
  const apps = l.apps.length ? table([{ header: 'id', value: (a) => a.id }, { header: 'name', value: (a) => a.displayName }], l.apps) : '(none)';
  const contacts = l.supportContacts.length
    ? table([{ header: 'user', value: (c) => c.userId, align: 'right' }, { header: 'name', value: (c) => c.name }, { header: 'email', value: (c) => c.email }], l.supportContacts)
    : '(none)';
  return `${head}\n${section('Domain licenses', domains)}\n${section('Apps', apps)}\n${section('Support contacts', contacts)}`;
}

export function timelineText(entries: TimelineEntry[]): string {
  if (!entries.length) return 'Nothing recorded yet.';
  return entries.map((e) => `${e.at.slice(0, 16).replace('T', ' ')}  ${e.summary}`).join('\n');
}

/** Unlocks the keys only when a passphrase was given (file or environment); never prompts. */
async function unlockIfGiven(session: CliSession, opts: { passphraseFile?: string }, json: boolean): Promise<void> {
  if (opts.passphraseFile !== undefined || process.env[STORE_PASSPHRASE.env]) await unlockKeys(session, opts, { json });
}

const withId = (parent: Command, name: string, description: string) => parent.command(name).description(description).argument('<id>', 'license id', positiveId);

type IssueOptions = {
  sku: string;
  vendor?: number;
  owner?: string;
  customer?: number;
  purchaser?: number;
  domain?: string[];
  feature?: string[];
  expires?: string;
  message?: string;
  app?: string[];
  supportContact?: string[];
  override?: string;
  outDir?: string;
  passphraseFile?: string;
};

const ISSUE_FLAGS = {
  skuId: '--sku',
  owner: '--owner',
  owningEntityId: '--customer',
  purchasingEntityId: '--purchaser',
  domains: '--domain',
  features: '--feature',
  expires: '--expires',
  message: '--message',
  appIds: '--app',
  supportContactIds: '--support-contact',
  override: '--override',
  'override.reason': '--override',
};

async function issue(session: CliSession, opts: IssueOptions, json: boolean): Promise<Outcome> {
  const skuId = await resolveSkuFlag(session, opts.sku, opts.vendor);
  await unlockKeys(session, opts, { json });
  const input: MethodInput<'license.issue'> = {
    skuId,
    ...(opts.owner !== undefined && { owner: opts.owner }),
    ...(opts.customer !== undefined && { owningEntityId: opts.customer }),
    ...(opts.purchaser !== undefined && { purchasingEntityId: opts.purchaser }),
    domains: opts.domain ?? [],
    ...(opts.feature !== undefined && { features: opts.feature }),
    ...(opts.expires !== undefined && { expires: expiresInput(opts.expires) }),
    ...(opts.message !== undefined && { message: opts.message }),
    appIds: opts.app ?? [],
    supportContactIds: idList(opts.supportContact ?? []),
    ...(opts.override !== undefined && { override: { reason: opts.override } }),
  };
  const signed: SignedLicense = await session.call('license.issue', input);
  const detail = await session.call('license.get', { id: signed.licenseId });
  const domains = signed.files.filter((f) => f.kind === 'domain').map((f) => f.domain);
  const lines = [
    `Issued license ${detail.id} for ${detail.ownerName} (SKU ${detail.sku}), expires ${expiresText(detail.expires)}${domains.length ? `, with ${plural(domains.length, 'domain license')} (${domains.join(', ')})` : ''}; signed by key ${signed.keyFingerprint}.`,
  ];
  if (opts.outDir !== undefined) {
    const written = signed.files.map((f) => writeOutput(path.join(opts.outDir!, fileNameOf(f)), f.file));
    lines.push('Wrote:', ...written.map((w) => `  ${w}`));
  } else {
    lines.push(`Its file: keyhub license file ${detail.id}${domains.length ? ` (a domain's: --domain ${domains[0]})` : ''}`);
  }
  return { data: signed, human: lines.join('\n') };
}

type LicenseListOptions = ListOptions & { state?: string; sku?: string; customer?: number; app?: string };

export function licenseCommand(): Command {
  const license = new Command('license').description('licenses: issue, find, renew, transfer, revoke; their timelines and files');

  addPassphraseOption(
    license
      .command('issue')
      .description('issue a signed license from a SKU (owner, customers, domains, apps, support contacts)')
      .requiredOption('--sku <id-or-code>', 'the SKU: its id, or its code')
      .option('--vendor <id>', 'the vendor, when several vendors have the SKU code', positiveId)
      .option('--owner <name>', "the owner's name as the file states it (default: the owning customer's name)")
      .option('--customer <id>', 'the owning customer', positiveId)
      .option('--purchaser <id>', 'the purchasing customer', positiveId)
      .option('--domain <domain>', 'a manual domain license to issue with it; repeatable or comma-separated', collectDomains)
      .option('--feature <code>', "feature codes (default: the SKU's); repeatable or comma-separated, \"none\" for none", collectList)
      .option('--expires <time>', 'YYYY-MM-DD or ISO time, or "never" (default: from the SKU\'s license duration)')
      .option('--message <text>', 'a one-line message from the vendor, in the file')
      .option('--app <guid>', 'link this app; repeatable or comma-separated', collectList)
      .option('--support-contact <user-id>', 'a support contact (a user id); repeatable or comma-separated', collectList)
      .option('--override <reason>', 'issue although the SKU is outside its sale window; the reason is audited')
      .option('--out-dir <dir>', 'write the files here: <id>.license and <id>-<domain>.license'),
  ).action(action<IssueOptions>(({ opts, session, json }) => issue(session, opts, json), ISSUE_FLAGS));

  addListOptions(license.command('list').description('find licenses: owner, customer, email, domain, license id, app id or app key'), LICENSE_SORT, true)
    .addOption(new Option('--state <state>', 'only licenses in this state ("expiring": active, ending within 30 days)').choices(LICENSE_FILTERS))
    .option('--sku <id-or-code>', "only this SKU's licenses")
    .option('--customer <id>', 'only licenses this customer owns or bought', positiveId)
    .option('--app <guid>', 'only licenses linked to this app')
    .action(
      action<LicenseListOptions>(async ({ opts, session }) => {
        const input = {
          ...listInput(opts),
          ...(opts.state !== undefined && { state: opts.state }),
          ...(opts.sku !== undefined && { skuId: await resolveSkuFlag(session, opts.sku, opts.vendor) }),
          ...(opts.customer !== undefined && { customerId: opts.customer }),
          ...(opts.app !== undefined && { appId: opts.app }),
        };
        const page = await session.call('license.list', input as MethodInput<'license.list'>);
        return { data: page, human: cappedListOutput(page, LICENSE_COLUMNS, 'licenses', 'Issue one: keyhub license issue --sku SKU --owner NAME') };
      }),
    );

  withId(license, 'show', 'one license: state, customers, terms, limits, domain licenses, apps, support contacts').action(
    action(async ({ args, session }) => {
      const detail = await session.call('license.get', { id: args[0] as number });
      return { data: detail, human: licenseBlock(detail) };
    }),
  );

  withId(license, 'revoke', 'revoke a license for good (a refund, a chargeback); only a resume with a reason undoes it')
    .requiredOption('--reason <text>', 'why (kept on the license and in its timeline)')
    .action(
      action<{ reason: string }>(async ({ args, opts, session }) => {
        const detail = await session.call('license.revoke', { id: args[0] as number, reason: opts.reason });
        return { data: detail, human: `Revoked license ${detail.id} (${detail.ownerName}): ${detail.statusReason}.` };
      }),
    );

  withId(license, 'suspend', 'suspend an active license until it is resumed; its automatic domains stop renewing')
    .requiredOption('--reason <text>', 'why (kept on the license and in its timeline)')
    .action(
      action<{ reason: string }>(async ({ args, opts, session }) => {
        const detail = await session.call('license.suspend', { id: args[0] as number, reason: opts.reason });
        return { data: detail, human: `Suspended license ${detail.id} (${detail.ownerName}): ${detail.statusReason}.` };
      }),
    );

  addPassphraseOption(
    withId(license, 'resume', 'make a suspended (or, with --reason, a revoked) license active again').option('--reason <text>', 'why; required for a revoked license'),
  ).action(
    action<{ reason?: string; passphraseFile?: string }>(async ({ args, opts, session, json }) => {
      await unlockIfGiven(session, opts, json);
      const id = args[0] as number;
      const detail = await session.call('license.resume', { id, ...(opts.reason !== undefined && { reason: opts.reason }) });
      const last = (await session.call('license.timeline', { id })).at(-1);
      return { data: detail, human: last?.action === 'license.resume' ? `License ${id}: ${last.summary}` : `Resumed license ${id}.` };
    }),
  );

  addPassphraseOption(
    withId(license, 'renew', "extend a license: to a date, by days, or by the SKU's license duration (from the later of now and its expiry)")
      .option('--expires <time>', 'the new expiry (YYYY-MM-DD or ISO time), or "never"')
      .option('--days <n>', 'this many days more', wholeNumber)
      .addHelpText('after', '\nRe-signs the license file and the domain licenses its old expiry capped.'),
  ).action(
    action<{ expires?: string; days?: number; passphraseFile?: string }>(
      async ({ args, opts, session, json }) => {
        const id = args[0] as number;
        const before = await session.call('license.get', { id });
        await unlockKeys(session, opts, { json });
        const detail = await session.call('license.renew', {
          id,
          ...(opts.expires !== undefined && { expires: expiresInput(opts.expires) }),
          ...(opts.days !== undefined && { days: opts.days }),
        });
        return { data: detail, human: `Renewed license ${id}: expires ${expiresText(detail.expires)} (was ${expiresText(before.expires)}).` };
      },
      { expires: '--expires', days: '--days' },
    ),
  );

  addPassphraseOption(
    withId(license, 'transfer', 'give a license to another owning customer (re-signs its Owner)')
      .requiredOption('--to <customer-id>', 'the new owning customer', positiveId)
      .option('--owner <name>', "the owner name in the file (default: the customer's name)")
      .option('--reason <text>', 'why (kept in the timeline)'),
  ).action(
    action<{ to: number; owner?: string; reason?: string; passphraseFile?: string }>(
      async ({ args, opts, session, json }) => {
        await unlockKeys(session, opts, { json });
        const detail = await session.call('license.transfer', {
          id: args[0] as number,
          owningEntityId: opts.to,
          ...(opts.owner !== undefined && { ownerName: opts.owner }),
          ...(opts.reason !== undefined && { reason: opts.reason }),
        });
        return { data: detail, human: `Transferred license ${detail.id} to ${customerText(detail.owningEntityName, detail.owningEntityId)}, owner ${detail.ownerName}.` };
      },
      { owningEntityId: '--to', ownerName: '--owner', reason: '--reason' },
    ),
  );

  addPassphraseOption(
    withId(license, 'owner', "edit the owner fields (within the SKU's ownership-edit window, else with --override)")
      .option('--owner <name>', 'the owner name (re-signs the license and its live domains)')
      .option('--customer <id>', 'the owning customer ("none" clears)', numberOrNone)
      .option('--purchaser <id>', 'the purchasing customer ("none" clears)', numberOrNone)
      .option('--override <reason>', 'edit after the window has closed; the reason is audited'),
  ).action(
    action<{ owner?: string; customer?: number | typeof CLEAR; purchaser?: number | typeof CLEAR; override?: string; passphraseFile?: string }>(
      async ({ args, opts, session, json }) => {
        if (opts.owner !== undefined) await unlockKeys(session, opts, { json });
        const customerValue = (v: number | typeof CLEAR) => (v === CLEAR ? null : v);
        const detail = await session.call('license.updateOwner', {
          id: args[0] as number,
          ...(opts.owner !== undefined && { ownerName: opts.owner }),
          ...(opts.customer !== undefined && { owningEntityId: customerValue(opts.customer) }),
          ...(opts.purchaser !== undefined && { purchasingEntityId: customerValue(opts.purchaser) }),
          ...(opts.override !== undefined && { override: { reason: opts.override } }),
        });
        return { data: detail, human: `License ${detail.id}: owner ${detail.ownerName}, owning ${customerText(detail.owningEntityName, detail.owningEntityId)}, purchasing ${customerText(detail.purchasingEntityName, detail.purchasingEntityId)}.` };
      },
      { ownerName: '--owner', owningEntityId: '--customer', purchasingEntityId: '--purchaser', override: '--override', 'override.reason': '--override' },
    ),
  );

  withId(license, 'contacts', "set the support contacts (at most the SKU's maximum, within its change window, else with --override)")
    .requiredOption('--user <id>', 'a user id; repeatable or comma-separated; "none" for no contacts', collectList)
    .option('--override <reason>', 'change after the window has closed; the reason is audited')
    .action(
      action<{ user: string[]; override?: string }>(
        async ({ args, opts, session }) => {
          const detail = await session.call('license.setSupportContacts', {
            id: args[0] as number,
            userIds: idList(opts.user),
            ...(opts.override !== undefined && { override: { reason: opts.override } }),
          });
          const names = detail.supportContacts.map((c) => c.name);
          return { data: detail, human: `License ${detail.id}'s support contacts: ${names.length ? names.join(', ') : 'none'}.` };
        },
        { userIds: '--user', override: '--override', 'override.reason': '--override' },
      ),
    );

  withId(license, 'timeline', 'what happened to a license, oldest first, and who did it').action(
    action(async ({ args, session }) => {
      const entries = await session.call('license.timeline', { id: args[0] as number });
      return { data: entries, human: timelineText(entries) };
    }),
  );

  license
    .command('file')
    .description("print a license's current signed file (re-signed after a key rotation), or one of its domain licenses'")
    .argument('<id>', 'license id', positiveId)
    .option('--domain <domain>', 'the domain license for this domain instead')
    .option('--out <file>', 'write the file here instead of stdout')
    .action(
      action<{ domain?: string; out?: string }>(async ({ args, opts, session }) => {
        const file = await session.call('license.file', { licenseId: args[0] as number, ...(opts.domain !== undefined && { domain: opts.domain }) });
        if (opts.out === undefined) return { data: file, human: file.file.replace(/\n$/, '') };
        const written = writeOutput(opts.out, file.file);
        return { data: file, human: `Wrote the ${file.kind === 'domain' ? `domain license for ${file.domain}` : 'license'} of license ${file.licenseId} to ${written}.` };
      }),
    );

  return license;
}
