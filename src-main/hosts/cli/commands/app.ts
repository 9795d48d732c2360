/**
 * keyhub app list|add|show|edit|delete|link|unlink|key|issues|stats|report: customers'
 * apps, their licenses and keys, and the JSON-lines reports they send.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { APP_SORT, STAT_BUCKETS } from '../../../api/schemas';
import type { AppDetail, AppIssue, AppKey, AppReportResult, AppRow, AppStatSeries } from '../../../domain/apps/types';
import { STAT_KINDS, statKindByLabel } from '../../../domain/apps/stat-kinds';
import { action, requireYes } from '../action';
import { ApiFailure, EXIT_FAILED } from '../failures';
import { keyValues, listOutput, section, showDate, table, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { positiveId, wholeNumber } from '../parse';
import type { CliSession } from '../session';
import { readInput } from '../terminal';

const ADD_FLAGS = { displayName: '--name', licenseIds: '--license', id: '--id' };

const FULL_GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;

/** Repeatable and comma-separated license ids: `--license 4 --license 7,9`. */
function collectIds(value: string, previous: number[] | undefined): number[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean).map(positiveId)];
}

/** A stat kind by number or label ("Requests", "active-installs"). */
function statKind(value: string): number {
  if (/^\d+$/.test(value.trim())) return wholeNumber(value);
  const kind = statKindByLabel(value);
  if (kind === null) throw new InvalidArgumentError(`"${value}" is not a stat kind: use a number or ${STAT_KINDS.map((k) => k.label).join(', ')}.`);
  return kind;
}

/**
 * APP on the command line: a GUID, or the first characters of one (at least 4) when
 * they name exactly one app, as git takes a short commit id.
 */
export async function resolveApp(session: CliSession, text: string): Promise<string> {
  const value = text.trim();
  if (FULL_GUID.test(value) || !/^[0-9a-fA-F-]{4,35}$/.test(value)) return value;
  const prefix = value.toLowerCase();
  const page = await session.call('app.list', { search: prefix, limit: 500 });
  const matches = page.items.filter((a) => a.id.startsWith(prefix));
  if (matches.length === 1) return matches[0].id;
  if (matches.length === 0) {
    throw new ApiFailure({ code: 'NOT_FOUND', message: `No app id starts with ${prefix}. See them: keyhub app list`, details: { id: value } });
  }
  const names = matches.slice(0, 5).map((a) => `${a.id} (${a.displayName})`).join(', ');
  throw new ApiFailure({ code: 'VALIDATION', message: `Several apps start with ${prefix}: ${names}. Give more of the id.`, details: { id: value } });
}

const COLUMNS: Column<AppRow>[] = [
  { header: 'id', value: (a) => a.id },
  { header: 'name', value: (a) => a.displayName },
  { header: 'licenses', value: (a) => a.licenseCount, align: 'right' },
  { header: 'keys', value: (a) => a.keyCount, align: 'right' },
  { header: 'issues', value: (a) => a.issueCount, align: 'right' },
  { header: 'created', value: (a) => showDate(a.createdAt) },
];

const KEY_COLUMNS: Column<AppKey>[] = [
  { header: 'key', value: (k) => k.id },
  { header: 'created', value: (k) => showDate(k.createdAt) },
];

const ISSUE_COLUMNS: Column<AppIssue>[] = [
  { header: 'time', value: (i) => showDate(i.time) },
  { header: 'severity', value: (i) => i.severity },
  { header: 'message', value: (i) => i.message },
  { header: 'details', value: (i) => i.details },
];

const orNone = (text: string) => text || '(none)';

export function appBlock(a: AppDetail): string {
  const head = keyValues([
    ['ID', a.id],
    ['Name', a.displayName],
    ['Created', showDate(a.createdAt)],
    ['Licenses', a.licenseCount],
    ['Keys', a.keyCount],
    ['Issues', a.issueCount],
  ]);
  const licenses = table(
    [
      { header: 'id', value: (l: AppDetail['licenses'][number]) => l.id, align: 'right' },
      { header: 'owner', value: (l) => l.ownerName },
      { header: 'sku', value: (l) => l.sku },
      { header: 'state', value: (l) => l.state },
    ],
    a.licenses,
  );
  const stats = a.statKinds.length
    ? table([{ header: 'kind', value: (k: AppDetail['statKinds'][number]) => k.kind, align: 'right' }, { header: 'label', value: (k) => k.label }, { header: 'reports', value: (k) => k.count, align: 'right' }], a.statKinds)
    : '';
  const subscriptions = a.subscriptions.length
    ? table([{ header: 'id', value: (s: AppDetail['subscriptions'][number]) => s.id, align: 'right' }, { header: 'user', value: (s) => s.userName }, { header: 'kind', value: (s) => s.kind }], a.subscriptions)
    : '';
  return [
    head,
    section('Licenses', licenses),
    section('Keys', orNone(a.keys.length ? table(KEY_COLUMNS, a.keys) : '')),
    section(`Recent issues (${a.recentIssues.length} of ${a.issueCount}; more: keyhub app issues ${a.id})`, orNone(a.recentIssues.length ? table(ISSUE_COLUMNS, a.recentIssues) : '')),
    section(`Stats (over time: keyhub app stats ${a.id})`, orNone(stats)),
    section('Notification subscriptions', orNone(subscriptions)),
  ].join('\n');
}

/** One row a bucket, one column a stat kind. */
export function statsTable(series: AppStatSeries[]): string {
  if (!series.length) return 'No stats in that range.';
  const columns: Column<number>[] = [
    { header: 'bucket', value: (i) => showDate(series[0].points[i].t) },
    ...series.map((s): Column<number> => ({ header: s.label, value: (i) => s.points[i].value, align: 'right' })),
  ];
  return table(columns, series[0].points.map((_, i) => i));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function reportLines(result: AppReportResult): { summary: string; rejected: string[] } {
  const summary = `Kept ${plural(result.issues, 'issue')} and ${plural(result.stats, 'stat')}${result.rejectedCount ? `; rejected ${plural(result.rejectedCount, 'line')}` : ''}.`;
  const rejected = result.rejected.map((r) => `  line ${r.line}: ${r.reason}`);
  if (result.rejectedCount > result.rejected.length) rejected.push(`  … and ${result.rejectedCount - result.rejected.length} more`);
  return { summary, rejected };
}

function addCommands(app: Command): void {
  addListOptions(app.command('list').description('list apps (--search: name, or the start of an app id or app key)'), APP_SORT, false)
    .option('--license <id>', 'only apps linked to this license', positiveId)
    .action(
      action<ListOptions & { license?: number }>(async ({ opts, session }) => {
        const input = { ...listInput(opts), ...(opts.license !== undefined && { licenseId: opts.license }) } as MethodInput<'app.list'>;
        const page = await session.call('app.list', input);
        return { data: page, human: listOutput(page, COLUMNS, 'apps', 'Add one: keyhub app add --name NAME --license ID') };
      }),
    );

  app
    .command('add')
    .description('add an app with at least one license')
    .requiredOption('--name <name>', 'display name (required)')
    .requiredOption('--license <id>', 'license ids, repeatable or comma-separated (at least one, required)', collectIds)
    .option('--id <guid>', 'the app id, when the app has one already (default: a new GUID)')
    .action(
      action<{ name: string; license: number[]; id?: string }>(async ({ opts, session }) => {
        const created = await session.call('app.create', { displayName: opts.name, licenseIds: opts.license, ...(opts.id !== undefined && { id: opts.id }) });
        return { data: created, human: `Created app ${created.id}.\n${appBlock(created)}` };
      }, ADD_FLAGS),
    );

  app
    .command('show')
    .description('show an app: licenses, keys, recent issues, stats and subscriptions')
    .argument('<app>', 'app id (or its first characters)')
    .action(
      action(async ({ args, session }) => {
        const detail = await session.call('app.get', { id: await resolveApp(session, args[0] as string) });
        return { data: detail, human: appBlock(detail) };
      }),
    );

  app
    .command('edit')
    .description("rename an app (its id never changes)")
    .argument('<app>', 'app id (or its first characters)')
    .requiredOption('--name <name>', 'new display name (required)')
    .action(
      action<{ name: string }>(async ({ args, opts, session }) => {
        const updated = await session.call('app.update', { id: await resolveApp(session, args[0] as string), displayName: opts.name });
        return { data: updated, human: `Updated app ${updated.id}.\n${appBlock(updated)}` };
      }, { displayName: '--name' }),
    );

  app
    .command('delete')
    .description('delete an app with its keys, license links, issues, stats and subscriptions')
    .argument('<app>', 'app id (or its first characters)')
    .option('--yes', 'really delete')
    .action(
      action<{ yes?: boolean }>(async ({ args, opts, session }) => {
        requireYes(opts, `app ${String(args[0])} and its keys, links, issues, stats and subscriptions`);
        const deleted = await session.call('app.delete', { id: await resolveApp(session, args[0] as string) });
        return { data: deleted, human: `Deleted app ${deleted.id}.` };
      }),
    );

  for (const [name, method, verb] of [
    ['link', 'app.linkLicense', 'Linked'],
    ['unlink', 'app.unlinkLicense', 'Unlinked'],
  ] as const) {
    app
      .command(name)
      .description(name === 'link' ? 'link a license to an app' : "unlink a license from an app (never the app's last one)")
      .argument('<app>', 'app id (or its first characters)')
      .argument('<license>', 'license id', positiveId)
      .action(
        action(async ({ args, session }) => {
          const licenseId = args[1] as number;
          const detail = await session.call(method, { appId: await resolveApp(session, args[0] as string), licenseId });
          return { data: detail, human: `${verb} license ${licenseId} ${name === 'link' ? 'to' : 'from'} app ${detail.displayName} (${plural(detail.licenseCount, 'license')} now).` };
        }),
      );
  }

  const key = app.command('key').description("an app's keys: created and deleted, never edited");
  key
    .command('create')
    .description('create a key (a new GUID) for an app')
    .argument('<app>', 'app id (or its first characters)')
    .action(
      action(async ({ args, session }) => {
        const created = await session.call('app.createKey', { appId: await resolveApp(session, args[0] as string) });
        return { data: created, human: created.id };
      }),
    );
  key
    .command('list')
    .description("an app's keys")
    .argument('<app>', 'app id (or its first characters)')
    .action(
      action(async ({ args, session }) => {
        const detail = await session.call('app.get', { id: await resolveApp(session, args[0] as string) });
        return { data: detail.keys, human: detail.keys.length ? table(KEY_COLUMNS, detail.keys) : `App ${detail.displayName} has no keys. Create one: keyhub app key create ${detail.id}` };
      }),
    );
  key
    .command('delete')
    .description('delete an app key')
    .argument('<key>', 'the key (a GUID)')
    .option('--yes', 'really delete')
    .action(
      action<{ yes?: boolean }>(async ({ args, opts, session }) => {
        requireYes(opts, `app key ${String(args[0])}`);
        const deleted = await session.call('app.deleteKey', { id: args[0] as string });
        return { data: deleted, human: `Deleted app key ${deleted.id}.` };
      }),
    );

  app
    .command('issues')
    .description("an app's reported issues, newest first")
    .argument('<app>', 'app id (or its first characters)')
    .option('--severity <text>', 'only this severity (any case), e.g. Error')
    .option('--limit <n>', 'rows per page (1-500, default 50)', wholeNumber)
    .option('--offset <n>', 'skip this many rows', wholeNumber)
    .action(
      action<{ severity?: string; limit?: number; offset?: number }>(async ({ args, opts, session }) => {
        const page = await session.call('app.issues', {
          appId: await resolveApp(session, args[0] as string),
          ...(opts.severity !== undefined && { severity: opts.severity }),
          ...(opts.limit !== undefined && { limit: opts.limit }),
          ...(opts.offset !== undefined && { offset: opts.offset }),
        });
        return { data: page, human: listOutput(page, ISSUE_COLUMNS, 'issues') };
      }),
    );

  app
    .command('stats')
    .description("an app's stats summed by hour, day or month (UTC), one column a stat kind")
    .argument('<app>', 'app id (or its first characters)')
    .option('--kind <kind>', `only this kind: a number or ${STAT_KINDS.map((k) => k.label).join(', ')}`, statKind)
    .option('--from <time>', 'from this date or time (included)')
    .option('--to <time>', 'up to this date or time (excluded)')
    .addOption(new Option('--bucket <size>', 'bucket size').choices(STAT_BUCKETS).default('day'))
    .action(
      action<{ kind?: number; from?: string; to?: string; bucket: (typeof STAT_BUCKETS)[number] }>(async ({ args, opts, session }) => {
        const series = await session.call('app.stats', {
          appId: await resolveApp(session, args[0] as string),
          bucket: opts.bucket,
          ...(opts.kind !== undefined && { kind: opts.kind }),
          ...(opts.from !== undefined && { from: opts.from }),
          ...(opts.to !== undefined && { to: opts.to }),
        });
        return { data: series, human: statsTable(series) };
      }, { from: '--from', to: '--to', bucket: '--bucket' }),
    );

  app
    .command('report')
    .description('import a JSON-lines report of issues and stats; keeps the good lines, lists the bad ones (exit 1 if any)')
    .argument('<file>', 'the report ("-" for stdin)')
    .option('--app <app>', 'the app of lines that name none (an id or its first characters)')
    .addHelpText(
      'after',
      `
Each line is one JSON object; blank lines are skipped:
  {"type":"issue","app":"<guid>","severity":"Error","message":"…","details":"…","time":"2026-11-20T10:00:00Z"}
  {"type":"stat","app":"<guid>","kind":1,"value":123,"time":"2026-11-20T10:00:00Z"}
"app" may be left out when --app is given. "kind" is a number or a label: ${STAT_KINDS.map((k) => `${k.kind} ${k.label}`).join(', ')}.`,
    )
    .action(
      action<{ app?: string }>(async ({ args, opts, session, json }) => {
        const content = (await readInput(args[0] as string, 'the report')).toString('utf8');
        const appId = opts.app === undefined ? undefined : await resolveApp(session, opts.app);
        const result = await session.call('app.report', { content, ...(appId !== undefined && { appId }) });
        const { summary, rejected } = reportLines(result);
        // The rejected lines go to stderr, like every refusal; the summary stays on stdout.
        if (!json && rejected.length) process.stderr.write(`Rejected lines:\n${rejected.join('\n')}\n`);
        return { data: result, human: summary, ...(result.rejectedCount > 0 && { exitCode: EXIT_FAILED }) };
      }, { appId: '--app' }),
    );
}

export function appCommand(): Command {
  const app = new Command('app').description("customers' apps: their licenses, keys, issues and stats");
  addCommands(app);
  return app;
}
