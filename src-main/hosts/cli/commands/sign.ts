/**
 * keyhub sign: issues one signed license (license.issue), or a batch from a CSV
 * (license.signBatch, followed to the end), and writes their files.
 */
import path from 'node:path';
import { Command, Option } from 'commander';
import type { MethodInput } from '../../../api/contract';
import type { ApiErrorBody } from '../../../api/errors';
import type { BatchResult, SignedFile, SignedLicense } from '../../../domain/licenses/issue';
import { action } from '../action';
import { CSV_COLUMNS, readCsvRows, type CsvRow } from '../csv-rows';
import { ApiFailure, UsageFailure } from '../failures';
import { followJob } from '../job-progress';
import { addPassphraseOption, unlockKeys } from '../passphrase';
import { collectList, positiveId } from '../parse';
import { resolveSkuFlag, SkuLookupError, SkuResolver } from '../resolve';
import type { CliSession } from '../session';
import { readInput, writeOutput } from '../terminal';

interface SignOptions {
  sku?: string;
  owner?: string;
  vendor?: number;
  domain?: string[];
  feature?: string[];
  expires?: string;
  message?: string;
  out?: string;
  outDir?: string;
  csv?: string;
  override?: string;
  passphraseFile?: string;
}

const FLAGS = { skuId: '--sku', owner: '--owner', domains: '--domain', features: '--feature', expires: '--expires', message: '--message', override: '--override', 'override.reason': '--override' };

/** Repeatable and comma-separated, with no special words. */
export function collectDomains(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

const NEVER = new Set(['never', 'none']);

/** An `--expires` value as API input: "never" (or "none") is null, a date is passed on as typed. */
export function expiresInput(value: string): string | null {
  return NEVER.has(value.trim().toLowerCase()) ? null : value;
}

/** `<licenseId>.license`, or `<licenseId>-<domain>.license` for a domain license. */
export function fileNameOf(file: SignedFile): string {
  return file.kind === 'domain' && file.domain ? `${file.licenseId}-${file.domain}.license` : `${file.licenseId}.license`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "4-6" for a run of ids, else "4, 7, 9" (cut short when long). */
function idText(ids: number[]): string {
  if (ids.length > 1 && ids.every((id, i) => i === 0 || id === ids[i - 1] + 1)) return `${ids[0]}-${ids[ids.length - 1]}`;
  return ids.length > 20 ? `${ids.slice(0, 20).join(', ')}, …` : ids.join(', ');
}

async function signOne(session: CliSession, opts: SignOptions, json: boolean) {
  if (opts.sku === undefined || opts.owner === undefined) {
    throw new UsageFailure('Give --sku and --owner to sign one license, or --csv FILE to sign a batch.');
  }
  const domains = opts.domain ?? [];
  if (opts.out !== undefined && domains.length > 1) {
    throw new UsageFailure(`--out writes one file, and ${domains.length} domains make ${domains.length} domain license files: use --out-dir DIR.`);
  }
  const skuId = await resolveSkuFlag(session, opts.sku, opts.vendor);
  await unlockKeys(session, opts, { json });
  const input: MethodInput<'license.issue'> = {
    skuId,
    owner: opts.owner,
    domains,
    ...(opts.feature !== undefined && { features: opts.feature }),
    ...(opts.expires !== undefined && { expires: expiresInput(opts.expires) }),
    ...(opts.message !== undefined && { message: opts.message }),
    ...(opts.override !== undefined && { override: { reason: opts.override } }),
  };
  const signed: SignedLicense = await session.call('license.issue', input);
  const domainFiles = signed.files.filter((f) => f.kind === 'domain');
  const shown = domainFiles.length ? domainFiles : signed.files.filter((f) => f.kind === 'license');
  const summary = `Signed license ${signed.licenseId} for ${opts.owner.trim()}${domainFiles.length ? ` with ${plural(domainFiles.length, 'domain license')} (${domainFiles.map((f) => f.domain).join(', ')})` : ''}, by key ${signed.keyFingerprint}.`;

  if (opts.outDir !== undefined) {
    const written = signed.files.map((f) => writeOutput(path.join(opts.outDir!, fileNameOf(f)), f.file));
    return { data: signed, human: `${summary}\nWrote:\n${written.map((w) => `  ${w}`).join('\n')}` };
  }
  if (opts.out !== undefined) {
    const written = writeOutput(opts.out, shown[0].file);
    return { data: signed, human: `${summary}\nWrote the ${shown[0].kind === 'domain' ? `domain license for ${shown[0].domain}` : 'license'} to ${written}.` };
  }
  // The file itself goes to stdout, so `keyhub sign … > customer.license` works; the summary to stderr.
  if (!json) process.stderr.write(`${summary}\n`);
  return { data: signed, human: shown.map((f) => f.file.replace(/\n$/, '')).join('\n\n') };
}

/** The API's refusal of a batch, with every row's message led by its CSV line. */
function batchFailure(body: ApiErrorBody, rows: CsvRow[]): ApiFailure {
  const fields = (body.details?.fields ?? {}) as Record<string, string>;
  const byRow = new Map<number, string[]>();
  const other: Record<string, string> = {};
  for (const [key, message] of Object.entries(fields)) {
    const match = /^rows\.(\d+)(?:\.(.+))?$/.exec(key);
    const row = match ? rows[Number(match[1])] : undefined;
    if (!match || !row) {
      other[key] = message;
      continue;
    }
    const text = /^Line \d+: /.test(message) ? message.replace(/^Line \d+: /, '') : match[2] ? `${message} (${match[2].split('.')[0]})` : message;
    byRow.set(Number(match[1]), [...(byRow.get(Number(match[1])) ?? []), text]);
  }
  if (!byRow.size) return new ApiFailure(body);
  const rowFields = Object.fromEntries(
    [...byRow.entries()].sort(([a], [b]) => a - b).map(([index, messages]) => [`rows.${index}`, `Line ${rows[index].line}: ${messages.join(' ')}`]),
  );
  const message = `${byRow.size} of ${rows.length} rows cannot be signed; nothing was issued.`;
  return new ApiFailure({ ...body, message, details: { ...body.details, fields: { ...rowFields, ...other } } });
}

async function signCsv(session: CliSession, opts: SignOptions, json: boolean) {
  const rows = await readCsvRows((await readInput(opts.csv!, 'the CSV file')).toString('utf8'));
  // SKU codes become ids first; unknown codes are reported by line, all of them, before any signing.
  const skus = new SkuResolver(session, opts.vendor);
  // Empty cells are reported here too, so that the API's own checks of every row come next, all at once.
  const problems: Record<string, string> = {};
  const input: MethodInput<'license.signBatch'>['rows'] = [];
  for (const [index, row] of rows.entries()) {
    const empty = !row.sku ? 'The sku cell is empty.' : !row.owner ? 'The owner cell is empty.' : null;
    if (empty) {
      problems[`rows.${index}`] = `Line ${row.line}: ${empty}`;
      continue;
    }
    let skuId: number;
    try {
      skuId = await skus.id(row.sku);
    } catch (error) {
      if (!(error instanceof SkuLookupError)) throw error;
      problems[`rows.${index}`] = `Line ${row.line}: ${error.message}`;
      continue;
    }
    input.push({
      line: row.line,
      skuId,
      owner: row.owner,
      domains: row.domains,
      ...(row.features !== undefined && { features: row.features }),
      ...(row.expires !== undefined && { expires: row.expires }),
      ...(row.message !== undefined && { message: row.message }),
    });
  }
  if (Object.keys(problems).length) {
    throw batchFailure({ code: 'VALIDATION', message: 'Rows cannot be signed.', details: { fields: problems } }, rows);
  }

  await unlockKeys(session, opts, { json });
  let started;
  try {
    started = await session.call('license.signBatch', { rows: input });
  } catch (error) {
    throw error instanceof ApiFailure && error.body.code === 'VALIDATION' ? batchFailure(error.body, rows) : error;
  }
  const result = (await followJob(session, started, json)) as BatchResult;

  const lines = [`Signed ${plural(result.licenses, 'license')} and ${plural(result.domainLicenses, 'domain license')} (license ids ${idText(result.licenseIds)}).`];
  const written: string[] = [];
  if (opts.outDir !== undefined) {
    // licenseIds follow the rows, so row i's domains belong to licenseIds[i].
    for (const [index, licenseId] of result.licenseIds.entries()) {
      const files = [await session.call('license.file', { licenseId })];
      for (const domain of rows[index]?.domains ?? []) files.push(await session.call('license.file', { licenseId, domain }));
      for (const file of files) written.push(writeOutput(path.join(opts.outDir, fileNameOf(file)), file.file));
    }
    lines.push(`Wrote ${plural(written.length, 'file')} to ${path.resolve(opts.outDir)}.`);
  } else {
    lines.push('Get their files with --out-dir DIR, or one at a time: keyhub license file ID [--domain D]');
  }
  return { data: opts.outDir !== undefined ? { ...result, files: written } : result, human: lines.join('\n') };
}

export function signCommand(): Command {
  const command = new Command('sign')
    .description('issue a signed license (with --domain, its domain licenses too), or a batch from a CSV')
    .option('--sku <id-or-code>', 'the SKU: its id, or its code')
    .option('--owner <name>', "the owner's name, as the file states it")
    .option('--vendor <id>', 'the vendor, when several vendors have the SKU code', positiveId)
    .option('--domain <domain>', 'issue a domain license for this domain too; repeatable', collectDomains)
    .option('--feature <code>', "feature codes for the file (default: the SKU's); repeatable or comma-separated, \"none\" for none", collectList)
    .option('--expires <time>', 'YYYY-MM-DD or ISO time, or "never" (default: from the SKU\'s license duration)')
    .option('--message <text>', 'a one-line message from the vendor, in the file')
    .option('--override <reason>', "issue although the SKU is outside its sale window (release/expiration date); the reason is audited")
    .addOption(new Option('--out <file>', 'write the file here instead of stdout (the domain license when --domain is given)').conflicts('outDir'))
    .option('--out-dir <dir>', 'write every file to this folder: <licenseId>.license and <licenseId>-<domain>.license')
    .addOption(
      new Option('--csv <file>', `sign a batch: a CSV with a header row (columns ${CSV_COLUMNS.join(', ')}; "-" for stdin)`).conflicts([
        'sku',
        'owner',
        'domain',
        'feature',
        'expires',
        'message',
        'out',
        'override',
      ]),
    )
    .addHelpText(
      'after',
      `
CSV columns: sku and owner are required; domain and features take several values
separated by ";"; expires is a date, an ISO time or "never"; an empty cell takes the
SKU's default. Nothing is signed unless every row can be; errors name their line.

Examples:
  keyhub sign --sku R4Elite --owner "Kathrin Fretz" --domain example.com --out example.license
  keyhub sign --csv orders.csv --out-dir licenses/`,
    );
  addPassphraseOption(command).action(
    action<SignOptions>(async ({ opts, session, json }) => (opts.csv !== undefined ? signCsv(session, opts, json) : signOne(session, opts, json)), FLAGS),
  );
  return command;
}
