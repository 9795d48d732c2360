/**
 * keyhub stripe connect|status|test|disconnect|settings|prices: the Stripe connection.
 * The key is read from --key-file, $KEYHUB_STRIPE_KEY, a hidden prompt on a terminal,
 * or stdin; never from an argument (argv shows in `ps`), and never printed.
 */
import { Command } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { stripeSettingsUpdate } from '../../../api/schemas/sync';
import { formatMoney } from '../../../domain/sales/money';
import type { StripePriceRow, StripeStatus, StripeTestResult } from '../../../domain/sync/types';
import { action } from '../action';
import { ApiFailure, EXIT_FAILED, UsageFailure } from '../failures';
import { keyValues, listOutput, section, showDate, type Column } from '../format';
import { addPassphraseOption } from '../passphrase';
import { wholeNumber } from '../parse';
import type { CliSession } from '../session';
import { askHidden, askYesNo, isTerminal, readInput, readStdin } from '../terminal';
import { runLine } from './sync';
import { unlockOnLocked } from '../unlock-on-locked';

const KEY_ENV = 'KEYHUB_STRIPE_KEY';

/** The key from --key-file ("-": stdin), else $KEYHUB_STRIPE_KEY, else a hidden prompt, else stdin. */
async function readStripeKey(file: string | undefined): Promise<string> {
  let key: string;
  if (file !== undefined) key = (await readInput(file, 'the Stripe key file')).toString('utf8');
  else if (process.env[KEY_ENV]) key = process.env[KEY_ENV] as string;
  else if (isTerminal()) key = await askHidden('Paste the Stripe restricted key (rk_live_… or rk_test_…), then press Enter: ');
  else key = (await readStdin('The Stripe key')).toString('utf8');
  key = key.trim();
  if (!key) {
    throw new UsageFailure(`No Stripe key was given. Give it with --key-file FILE, in $${KEY_ENV}, on stdin, or type it at the prompt in a terminal (never as an argument).`);
  }
  return key;
}

const SEALING_WORDS = { vault: "sealed with the signing keys' passphrase", os: "in the desktop app's OS keychain" } as const;

export function statusText(status: StripeStatus): string {
  const c = status.connection;
  const s = status.settings;
  const account = [c.accountName, c.accountId && `(${c.accountId})`].filter(Boolean).join(' ');
  const pairs: [string, string | number | null][] = [
    ['Stripe', c.connected ? `connected, ${c.livemode ? 'live' : 'test'} mode${account ? `: ${account}` : ''}` : 'not connected (keyhub stripe connect)'],
  ];
  if (c.connected) {
    pairs.push(['Key', `${c.keyHint}, ${c.sealing ? SEALING_WORDS[c.sealing] : ''}`], ['Connected', showDate(c.connectedAt)], ['Usable now', c.usable ? 'yes' : `no: ${c.unusableReason}`]);
  }
  pairs.push(
    ['Schedule', s.scheduleMinutes > 0 ? `every ${s.scheduleMinutes} minute${s.scheduleMinutes === 1 ? '' : 's'} while the desktop app or keyhub serve runs` : 'on demand only'],
    ['Address', s.apiBase],
    ['Rate limit', `${s.requestsPerSecond} requests a second`],
    ['Backfill', status.backfillDone ? 'done (later syncs read events)' : 'not finished yet'],
    ['Events read up to', status.eventsCursor ? showDate(status.eventsCursor) : null],
  );
  if (status.nextRunAt) pairs.push(['Next sync', showDate(status.nextRunAt)]);
  pairs.push(['Running', status.running ? runLine(status.running) : 'no'], ['Last run', status.lastRun ? runLine(status.lastRun) : 'none yet (keyhub sync stripe)']);
  return keyValues(pairs);
}

export function testText(result: StripeTestResult): string {
  const lines = [result.ok ? `OK: ${result.message}` : `NOT OK: ${result.message}`];
  if (result.checks.length) lines.push(section('Checks', result.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.label}${c.message ? `: ${c.message}` : ''}`).join('\n')));
  return lines.join('\n');
}

const PRICE_COLUMNS: Column<StripePriceRow>[] = [
  { header: 'price', value: (p) => p.priceId },
  { header: 'product', value: (p) => p.productName ?? p.productId },
  { header: 'amount', value: (p) => (p.unitAmount === null ? 'custom' : formatMoney(p.unitAmount, p.currency)), align: 'right' },
  { header: 'per', value: (p) => (p.interval === 'one_time' ? 'once' : p.intervalCount === 1 ? p.interval : `${p.intervalCount} ${p.interval}s`) },
  { header: 'active', value: (p) => (p.active ? 'yes' : 'no') },
  { header: 'match', value: (p) => p.match },
  { header: 'sku', value: (p) => p.sku },
  { header: 'waiting', value: (p) => p.waitingUnits || '', align: 'right' },
];

/** The schedule, address and rate, checked before anything is sent (as the API would check them). */
function settingsInput(opts: { schedule?: number; baseUrl?: string; rate?: number }): MethodInput<'stripe.settings'> {
  const input = {
    ...(opts.schedule !== undefined && { scheduleMinutes: opts.schedule }),
    ...(opts.baseUrl !== undefined && { apiBase: opts.baseUrl }),
    ...(opts.rate !== undefined && { requestsPerSecond: opts.rate }),
  };
  const parsed = stripeSettingsUpdate.safeParse(input);
  if (!parsed.success) {
    const flags: Record<string, string> = { scheduleMinutes: '--schedule', apiBase: '--base-url', requestsPerSecond: '--rate' };
    throw new UsageFailure(parsed.error.issues.map((i) => `${flags[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`).join('\n'));
  }
  // As the API will see it (trimmed, no trailing slash), to compare with the stored address.
  return parsed.data;
}

/**
 * The key, when --base-url moves a connected KeyHub to another address: the stored key
 * is sent only to its own address, so the key is asked again (--key-file, the
 * environment, a prompt, or stdin). Undefined when no key is needed.
 */
async function keyForAddress(session: CliSession, apiBase: string | undefined, keyFile: string | undefined): Promise<string | undefined> {
  if (keyFile !== undefined) return readStripeKey(keyFile);
  if (apiBase === undefined) return undefined;
  const status = await session.call('stripe.status', {});
  if (!status.connection.connected || status.settings.apiBase === apiBase) return undefined;
  return readStripeKey(undefined);
}

interface ConnectOptions {
  keyFile?: string;
  baseUrl?: string;
  schedule?: number;
  passphraseFile?: string;
}

async function connect(session: CliSession, opts: ConnectOptions, json: boolean) {
  const settings = opts.schedule !== undefined ? settingsInput({ schedule: opts.schedule }) : null;
  const secretKey = await readStripeKey(opts.keyFile);
  const input = { secretKey, ...(opts.baseUrl !== undefined && { apiBase: opts.baseUrl }) };
  let status: StripeStatus;
  try {
    // The key is sealed with the passphrase: unlocked first (LOCKED is answered before any test).
    status = await unlockOnLocked(session, opts, json, () => session.call('stripe.connect', input));
  } catch (error) {
    const test = error instanceof ApiFailure ? (error.body.details?.test as StripeTestResult | undefined) : undefined;
    if (test && !json) process.stderr.write(`${testText(test)}\n`);
    throw error;
  }
  const restarted = status.backfillRestarted ? `${status.backfillRestarted}\n\n` : '';
  if (settings) status = { ...(await session.call('stripe.settings', settings)), ...(status.backfillRestarted && { backfillRestarted: status.backfillRestarted }) };
  return { data: status, human: `Connected to Stripe. The key is stored sealed; it is never shown again.\n\n${restarted}${statusText(status)}` };
}

export function stripeCommand(): Command {
  const command = new Command('stripe').description('the Stripe connection: connect a key, test it, the schedule, prices and their SKUs');

  addPassphraseOption(
    command
      .command('connect')
      .description("test a Stripe key and store it sealed with the signing keys' passphrase (only when it can read everything the sync reads)")
      .option('--key-file <file>', `read the key from this file ("-": stdin); else $${KEY_ENV}, a hidden prompt, or stdin`)
      .option('--base-url <url>', "Stripe's API address (default https://api.stripe.com; a local test server)")
      .option('--schedule <minutes>', 'sync every this many minutes while the desktop app or keyhub serve runs (0: on demand only)', wholeNumber),
  )
    .addHelpText(
      'after',
      `
Use a restricted key with read access to Products, Prices, Customers, Subscriptions,
Invoices, Checkout Sessions, PaymentIntents, Charges, Refunds, Disputes and Events.
The key is never taken as an argument (it would show in \`ps\`).`,
    )
    .action(action<ConnectOptions>(({ opts, session, json }) => connect(session, opts, json), { apiBase: '--base-url' }));

  command
    .command('status')
    .description('the connection, the schedule, the sync running now and the last run')
    .action(
      action(async ({ session }) => {
        const status = await session.call('stripe.status', {});
        return { data: status, human: statusText(status) };
      }),
    );

  addPassphraseOption(
    command
      .command('test')
      .description('check that the stored key (or one from --key-file) can read everything the sync reads; exit 1 if not')
      .option('--key-file <file>', 'test this key instead of the stored one ("-": stdin)')
      .option('--base-url <url>', 'test against this address instead of the configured one (the stored key goes only to its own address: another one asks for the key)'),
  ).action(
    action<{ keyFile?: string; baseUrl?: string; passphraseFile?: string }>(
      async ({ opts, session, json }) => {
        const apiBase = opts.baseUrl === undefined ? undefined : settingsInput({ baseUrl: opts.baseUrl }).apiBase;
        const secretKey = await keyForAddress(session, apiBase, opts.keyFile);
        const input = {
          ...(secretKey !== undefined && { secretKey }),
          ...(apiBase !== undefined && { apiBase }),
        };
        const result = await unlockOnLocked(session, opts, json, () => session.call('stripe.test', input));
        return { data: result, human: testText(result), ...(!result.ok && { exitCode: EXIT_FAILED }) };
      },
      { apiBase: '--base-url', secretKey: '--key-file' },
    ),
  );

  command
    .command('disconnect')
    .description('forget the Stripe key (synced data, transactions and licenses stay); asks first on a terminal, else needs --yes')
    .option('--yes', 'do not ask')
    .action(
      action<{ yes?: boolean }>(async ({ opts, session }) => {
        if (!opts.yes) {
          if (!isTerminal()) throw new UsageFailure('add --yes to disconnect Stripe');
          const before = await session.call('stripe.status', {});
          if (!before.connection.connected) throw new ApiFailure({ code: 'CONFLICT', message: 'Stripe is not connected, so there is nothing to disconnect.' });
          const sure = await askYesNo(`Forget the Stripe key ${before.connection.keyHint}? Synced data and licenses stay; syncing stops until you connect again.`);
          if (!sure) return { data: before, human: 'Nothing was changed.' };
        }
        const status = await session.call('stripe.disconnect', {});
        return { data: status, human: 'Disconnected: the Stripe key is forgotten. Synced data, transactions and licenses stay.' };
      }),
    );

  addPassphraseOption(
    command
      .command('settings')
      .description('change the schedule, the API address or the rate limit (the others stay); a new address while connected asks for the key again')
      .option('--schedule <minutes>', 'sync every this many minutes while the desktop app or keyhub serve runs (0: on demand only)', wholeNumber)
      .option('--base-url <url>', "Stripe's API address (https://api.stripe.com; plain http:// only for a test server on this computer)")
      .option('--key-file <file>', `with --base-url: the key to test there and store in place of the old one ("-": stdin); else $${KEY_ENV}, a hidden prompt, or stdin`)
      .option('--rate <n>', 'requests a second at most (1-100; Stripe allows 100 live, 25 in test mode)', wholeNumber),
  )
    .addHelpText(
      'after',
      `
The stored key is sent only to the address it was stored for. Moving a connected KeyHub
to another address takes the key again: it is tested there and stored in place of the
old one (sealed as before, so the passphrase may be asked).`,
    )
    .action(
      action<{ schedule?: number; baseUrl?: string; rate?: number; keyFile?: string; passphraseFile?: string }>(
        async ({ opts, session, json }) => {
          if (opts.schedule === undefined && opts.baseUrl === undefined && opts.rate === undefined) throw new UsageFailure('Give --schedule MINUTES, --base-url URL, --rate N, or several.');
          if (opts.keyFile !== undefined && opts.baseUrl === undefined) {
            throw new UsageFailure('--key-file goes with --base-url: the key is asked only to move to another address. To replace the key, use keyhub stripe connect.');
          }
          const input = settingsInput(opts);
          const secretKey = await keyForAddress(session, input.apiBase, opts.keyFile);
          const status = await unlockOnLocked(session, opts, json, () => session.call('stripe.settings', { ...input, ...(secretKey !== undefined && { secretKey }) }));
          const restarted = status.backfillRestarted ? `${status.backfillRestarted}\n\n` : '';
          const moved = secretKey !== undefined ? `The key was tested at ${status.settings.apiBase} and stored in place of the old one.\n\n` : '';
          return { data: status, human: `${moved}${restarted}${statusText(status)}` };
        },
        { scheduleMinutes: '--schedule', apiBase: '--base-url', requestsPerSecond: '--rate', secretKey: '--key-file' },
      ),
    );

  command
    .command('prices')
    .description('synced Stripe prices with their product and the SKU each maps to (keyhub_sku metadata, or a mapping)')
    .option('--unmatched', 'only prices that match no SKU')
    .option('--search <text>', 'only prices whose id, product or nickname contains this')
    .option('--limit <n>', 'rows per page (1-500, default 50)', wholeNumber)
    .option('--offset <n>', 'skip this many rows', wholeNumber)
    .action(
      action<{ unmatched?: boolean; search?: string; limit?: number; offset?: number }>(async ({ opts, session }) => {
        const page = await session.call('stripe.prices', {
          ...(opts.unmatched && { match: 'unmatched' as const }),
          ...(opts.search !== undefined && { search: opts.search }),
          ...(opts.limit !== undefined && { limit: opts.limit }),
          ...(opts.offset !== undefined && { offset: opts.offset }),
        });
        const hint = opts.unmatched
          ? 'Every synced price finds its SKU.'
          : 'Sync first: keyhub sync stripe';
        const map = page.items.some((p) => p.match !== 'metadata' && p.match !== 'mapping')
          ? '\nMap a price to a SKU: keyhub fulfilment map --item-number PRICE_ID --sku SKU (or set keyhub_sku metadata on the price or product in Stripe).'
          : '';
        return { data: page, human: `${listOutput(page, PRICE_COLUMNS, 'prices', hint)}${map}` };
      }),
    );
  return command;
}
