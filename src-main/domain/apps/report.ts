/**
 * Imports an app's JSON-lines report: one issue or stat an object a line.
 *
 *   {"type":"issue","app":"<guid>","severity":"Error","message":"…","details":"…","time":"2026-11-20T10:00:00Z"}
 *   {"type":"stat","app":"<guid>","kind":1,"value":123,"time":"2026-11-20T10:00:00Z"}
 *
 * `app` may be left out (the report's app is meant); `kind` may be a known label
 * ("Requests"). Blank lines are skipped. A bad line is listed with its number and why,
 * and the good lines are kept, all in one transaction.
 */
import { z } from 'zod';
import { guid } from '../../api/schemas/common';
import { parseUtc } from '../../shared/time';
import type { ParsedInput } from '../../api/contract';
import { recordAudit } from '../audit/audit';
import { requireApp, type AppStore } from './apps';
import { STAT_KINDS, statKindByLabel } from './stat-kinds';
import type { AppReportResult } from './types';

/** Rejected lines listed in an answer; `rejectedCount` counts them all. */
export const MAX_LISTED_REJECTIONS = 1000;
export const MAX_TEXT = 4096;
const MAX_KIND = 2 ** 31 - 1;

type Problem = { input: unknown };
/** A value quoted in a reason, cut short so a reason stays one readable line. */
const quote = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 59)}…` : value);
/** "is missing" when the field is absent, else what is wrong with it. */
const field = (name: string, wrong: string) => (issue: Problem) => (issue.input === undefined ? `"${name}" is missing` : `"${name}" ${wrong}`);

const text = (name: string, max: number) =>
  z
    .string({ error: field(name, 'must be text') })
    .trim()
    .min(1, `"${name}" is empty`)
    .max(max, { error: (issue) => `"${name}" is ${String(issue.input).length} characters; at most ${max}` });

const time = z.string({ error: field('time', 'must be text like 2026-11-20T10:00:00Z') }).transform((value, ctx) => {
  const iso = parseUtc(value);
  if (iso === null) {
    ctx.addIssue({ code: 'custom', message: `"time" ${quote(value)} is not an ISO time with a zone like 2026-11-20T10:00:00Z` });
    return z.NEVER;
  }
  return iso;
});

const app = z.string({ error: field('app', 'must be a GUID') }).pipe(guid('"app"')).nullish();

const kindLabels = STAT_KINDS.map((k) => k.label).join(', ');
/** A number, or a known label ("Requests"), turned into its number. */
const kind = z.unknown().transform((value, ctx) => {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_KIND) return value;
  const known = typeof value === 'string' ? statKindByLabel(value) : null;
  if (known !== null) return known;
  const message =
    value === undefined
      ? '"kind" is missing'
      : typeof value === 'string'
        ? `"kind" ${quote(value)} is not a number or a known stat kind (${kindLabels})`
        : `"kind" must be a whole number from 0 to ${MAX_KIND} or a known stat kind (${kindLabels})`;
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
});

const issueLine = z.object({
  type: z.literal('issue'),
  app,
  severity: text('severity', 256),
  message: text('message', MAX_TEXT),
  details: z
    .string({ error: field('details', 'must be text') })
    .max(MAX_TEXT, { error: (issue) => `"details" is ${String(issue.input).length} characters; at most ${MAX_TEXT}` })
    .nullish()
    .transform((v) => (v?.trim() ? v : null)),
  time,
});

const statLine = z.object({
  type: z.literal('stat'),
  app,
  kind,
  value: z.number({ error: field('value', 'must be a whole number') }).int(`"value" must be a whole number (at most 2^53 - 1)`),
  time,
});

export type ReportLine = { line: number } & ((z.output<typeof issueLine> & { appId: string }) | (z.output<typeof statLine> & { appId: string }));
export type Rejection = { line: number; reason: string };

const reasonOf = (error: z.ZodError) => [...new Set(error.issues.map((i) => i.message))].join('; ');

/** One line, checked: the record to keep, or why not. `appId` is the report's app. */
export function parseReportLine(raw: string, line: number, appId: string | undefined): ReportLine | Rejection {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return { line, reason: `not JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { line, reason: 'not a JSON object' };
  const type = (value as { type?: unknown }).type;
  const schema = type === 'issue' ? issueLine : type === 'stat' ? statLine : null;
  if (!schema) {
    const what = type === undefined ? '"type" is missing' : `unknown type ${typeof type === 'string' ? quote(type) : JSON.stringify(type).slice(0, 60)}`;
    return { line, reason: `${what}: a line is {"type":"issue",…} or {"type":"stat",…}` };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { line, reason: reasonOf(parsed.error) };
  const owner = parsed.data.app ?? appId;
  if (!owner) return { line, reason: 'no app: give the line an "app", or give the report its app' };
  return { ...parsed.data, appId: owner, line };
}

/** Every non-blank line, checked; rejections in line order. */
export function parseReport(content: string, appId: string | undefined): { good: ReportLine[]; rejected: Rejection[] } {
  const good: ReportLine[] = [];
  const rejected: Rejection[] = [];
  content
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((raw, index) => {
      if (!raw.trim()) return;
      const result = parseReportLine(raw, index + 1, appId);
      if ('reason' in result) rejected.push(result);
      else good.push(result);
    });
  return { good, rejected };
}

export function importReport(store: AppStore, actor: string, input: ParsedInput<'app.report'>): AppReportResult {
  if (input.appId) requireApp(store.db, input.appId);
  const { good, rejected } = parseReport(input.content, input.appId);
  const insertIssue = store.sqlite.prepare('INSERT INTO app_issues (app_id, severity, message, details, time) VALUES (?, ?, ?, ?, ?)');
  const insertStat = store.sqlite.prepare('INSERT INTO app_stats (app_id, time, stat_kind, stat_value) VALUES (?, ?, ?, ?)');
  const appExists = store.sqlite.prepare('SELECT 1 FROM apps WHERE id = ?').pluck();

  return store.db.transaction((tx) => {
    const known = new Map<string, boolean>();
    const counts = new Map<string, { issues: number; stats: number }>();
    if (input.appId) counts.set(input.appId, { issues: 0, stats: 0 });
    for (const record of good) {
      let exists = known.get(record.appId);
      if (exists === undefined) known.set(record.appId, (exists = appExists.get(record.appId) !== undefined));
      if (!exists) {
        rejected.push({ line: record.line, reason: `app ${record.appId} does not exist` });
        continue;
      }
      const tally = counts.get(record.appId) ?? { issues: 0, stats: 0 };
      counts.set(record.appId, tally);
      if (record.type === 'issue') {
        insertIssue.run(record.appId, record.severity, record.message, record.details, record.time);
        tally.issues += 1;
      } else {
        insertStat.run(record.appId, record.time, record.kind, record.value);
        tally.stats += 1;
      }
    }
    rejected.sort((a, b) => a.line - b.line);
    for (const [appId, tally] of counts) {
      recordAudit(tx, { actor, targetType: 'app', targetId: appId, action: 'app.report', details: { ...tally, rejectedLines: rejected.length } });
    }
    const total = (what: 'issues' | 'stats') => [...counts.values()].reduce((n, t) => n + t[what], 0);
    return {
      issues: total('issues'),
      stats: total('stats'),
      rejected: rejected.slice(0, MAX_LISTED_REJECTIONS),
      rejectedCount: rejected.length,
    };
  });
}
