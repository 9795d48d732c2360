/** keyhub audit list|facets: who did what to which object, when. */
import { Command } from 'commander';
import type { MethodInput } from '../../../api/contract';
import type { AuditRow } from '../../../domain/insight/types';
import { action } from '../action';
import { keyValues, listOutput, showDate, type Column } from '../format';
import { wholeNumber } from '../parse';
import { auditTarget } from '../people-parse';

const COLUMNS: Column<AuditRow>[] = [
  { header: 'id', value: (r) => r.id, align: 'right' },
  { header: 'at', value: (r) => showDate(r.at) },
  { header: 'actor', value: (r) => r.actor },
  { header: 'action', value: (r) => r.action },
  { header: 'target', value: (r) => `${r.targetType}:${r.targetId}` },
  { header: 'details', value: (r) => JSON.stringify(r.details) },
];

interface AuditListOptions {
  actor?: string;
  action?: string;
  target?: { targetType: string; targetId?: string };
  from?: string;
  to?: string;
  asc?: boolean;
  limit?: number;
  offset?: number;
}

const FLAGS = { actor: '--actor', action: '--action', targetType: '--target', targetId: '--target', from: '--from', to: '--to', limit: '--limit', offset: '--offset' };

export function auditCommand(): Command {
  const audit = new Command('audit').description('the audit log: every sensitive action, who did it and when');

  audit
    .command('list')
    .description('list audit entries, newest first')
    .option('--actor <name>', 'only this actor (cli, desktop, browser, a name; see keyhub audit facets)')
    .option('--action <action>', 'only this action (license.revoke), or every action under a prefix ending in "." (license.)')
    .option('--target <type[:id]>', 'only this target type, or one object (license:12)', auditTarget)
    .option('--from <date>', 'from this date or time on (YYYY-MM-DD or ISO time)')
    .option('--to <date>', 'up to and including this date (or time)')
    .option('--asc', 'oldest first')
    .option('--limit <n>', 'rows per page (1-500, default 50)', wholeNumber)
    .option('--offset <n>', 'skip this many rows', wholeNumber)
    .action(
      action<AuditListOptions>(async ({ opts, session }) => {
        const input = {
          ...(opts.actor !== undefined && { actor: opts.actor }),
          ...(opts.action !== undefined && { action: opts.action }),
          ...opts.target,
          ...(opts.from !== undefined && { from: opts.from }),
          ...(opts.to !== undefined && { to: opts.to }),
          ...(opts.asc && { dir: 'asc' as const }),
          ...(opts.limit !== undefined && { limit: opts.limit }),
          ...(opts.offset !== undefined && { offset: opts.offset }),
        };
        const page = await session.call('audit.list', input as MethodInput<'audit.list'>);
        const more = page.totalIsLowerBound ? `\nMore than ${page.total} entries match; narrow them with --actor, --action, --target, --from or --to.` : '';
        return { data: page, human: `${listOutput(page, COLUMNS, 'audit entries')}${more}` };
      }, FLAGS),
    );

  audit
    .command('facets')
    .description('the actors, actions and target types the log holds (what --actor, --action and --target can be)')
    .action(
      action(async ({ session }) => {
        const facets = await session.call('audit.facets', {});
        const list = (values: string[]) => (values.length ? values.join(', ') : '(none)');
        return {
          data: facets,
          human: keyValues([
            ['Actors', list(facets.actors)],
            ['Actions', list(facets.actions)],
            ['Target types', list(facets.targetTypes)],
          ]),
        };
      }),
    );

  return audit;
}
