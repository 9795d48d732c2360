/** keyhub domain add|list|delete|renew-due: a license's domain licenses, manual and automatic. */
import { Command, Option } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { DOMAIN_SORT, DOMAIN_STATES } from '../../../api/schemas';
import type { DomainLicenseRow } from '../../../domain/licenses/types';
import { action, requireYes } from '../action';
import { showDate, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { addPassphraseOption, unlockKeys } from '../passphrase';
import { positiveId, wholeNumber } from '../parse';
import { UsageFailure } from '../failures';
import { expiresInput } from './sign';
import { cappedListOutput, DOMAIN_COLUMNS } from './license';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const terms = (d: DomainLicenseRow) => `${d.isAutomatic ? 'automatic' : 'manual'}, ${d.expires === null ? 'never expires' : `expires ${showDate(d.expires)}`}`;

const LIST_COLUMNS: Column<DomainLicenseRow>[] = [
  ...DOMAIN_COLUMNS.slice(0, 2),
  { header: 'license', value: (d) => d.licenseId, align: 'right' },
  { header: 'owner', value: (d) => d.ownerName },
  { header: 'sku', value: (d) => d.sku },
  ...DOMAIN_COLUMNS.slice(2),
];

type DomainListOptions = Omit<ListOptions, 'vendor'> & { license?: number; state?: string; automatic?: boolean; manual?: boolean };

export function domainCommand(): Command {
  const domain = new Command('domain').description("domain licenses: a license's signed files for single domains, manual or automatic");

  addPassphraseOption(
    domain
      .command('add')
      .description('license a domain under a license (normalised: www. and the like removed)')
      .argument('<license-id>', 'license id', positiveId)
      .argument('<domain>', 'the domain, or a URL or address that names it')
      .option('--automatic', 'an automatic domain license (renews itself while the license is valid)')
      .option('--expires <time>', 'manual only: YYYY-MM-DD or ISO time, or "never" (default: the SKU\'s manual domain duration)'),
  ).action(
    action<{ automatic?: boolean; expires?: string; passphraseFile?: string }>(
      async ({ args, opts, session, json }) => {
        await unlockKeys(session, opts, { json });
        const row = await session.call('domain.add', {
          licenseId: args[0] as number,
          domain: args[1] as string,
          automatic: Boolean(opts.automatic),
          ...(opts.expires !== undefined && { expires: expiresInput(opts.expires) }),
        });
        return {
          data: row,
          human: `Licensed ${row.domainName} under license ${row.licenseId} (${terms(row)}).\nIts file: keyhub license file ${row.licenseId} --domain ${row.domainName}`,
        };
      },
      { expires: '--expires' },
    ),
  );

  addListOptions(domain.command('list').description('list domain licenses (search by domain or owner)'), DOMAIN_SORT, false)
    .option('--license <id>', "only this license's domains", positiveId)
    .addOption(new Option('--state <state>', 'only domains in this state (stopped: its license is not valid)').choices(DOMAIN_STATES))
    .addOption(new Option('--automatic', 'only automatic domain licenses').conflicts('manual'))
    .option('--manual', 'only manual domain licenses')
    .action(
      action<DomainListOptions>(async ({ opts, session }) => {
        const input = {
          ...listInput(opts),
          ...(opts.license !== undefined && { licenseId: opts.license }),
          ...(opts.state !== undefined && { state: opts.state }),
          ...(opts.automatic && { automatic: true }),
          ...(opts.manual && { automatic: false }),
        };
        const page = await session.call('domain.list', input as MethodInput<'domain.list'>);
        return { data: page, human: cappedListOutput(page, LIST_COLUMNS, 'domain licenses', 'Add one: keyhub domain add LICENSE-ID DOMAIN') };
      }),
    );

  domain
    .command('delete')
    .description("delete a domain license, where the SKU allows deleting that kind (else with --override)")
    .argument('<id>', 'domain license id (see keyhub domain list)', positiveId)
    .option('--override <reason>', "delete although the SKU does not allow it; the reason is audited")
    .option('--yes', 'really delete')
    .action(
      action<{ override?: string; yes?: boolean }>(
        async ({ args, opts, session }) => {
          const id = args[0] as number;
          requireYes(opts, `domain license ${id}`);
          const deleted = await session.call('domain.delete', { id, ...(opts.override !== undefined && { override: { reason: opts.override } }) });
          return { data: deleted, human: `Deleted domain license ${id}.` };
        },
        { override: '--override', 'override.reason': '--override' },
      ),
    );

  addPassphraseOption(
    domain
      .command('renew-due')
      .description("renew automatic domain licenses expiring soon (or lapsed) whose license is valid")
      .option('--within <days>', 'renew those expiring within this many days (default 7)', wholeNumber),
  ).action(
    action<{ within?: number; passphraseFile?: string }>(
      async ({ opts, session, json }) => {
        if (opts.within !== undefined && opts.within < 1) throw new UsageFailure('--within takes a number of days, 1 or more.');
        await unlockKeys(session, opts, { json });
        const result = await session.call('domain.renewDue', { ...(opts.within !== undefined && { withinDays: opts.within }) });
        const lines = [
          `Renewed ${plural(result.renewed, 'automatic domain license')}; ${plural(result.stopped, 'automatic domain license')} left to lapse (license suspended, revoked or expired).`,
          ...(result.failed.length ? [`${result.failed.length} could not be renewed:`, ...result.failed.map((f) => `  ${f.id} ${f.domainName}: ${f.reason}`)] : []),
        ];
        return { data: result, human: lines.join('\n'), ...(result.failed.length && { exitCode: 1 }) };
      },
      { withinDays: '--within' },
    ),
  );

  return domain;
}
