/** keyhub key list|show|public|export|generate|import|backup|restore|rotate|passphrase */
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { SigningKeyDetail, SigningKeyRow } from '../../../domain/keys/types';
import type { RotationResult } from '../../../domain/keys/rotation';
import { action } from '../action';
import { UsageFailure } from '../failures';
import { keyValues, section, showDate, table, type Column } from '../format';
import { followJob } from '../job-progress';
import { addPassphraseOption, BACKUP_PASSPHRASE, NEW_PASSPHRASE, obtainPassphrase, STORE_PASSPHRASE, unlockKeys, UNLOCK_MINUTES } from '../passphrase';
import { positiveId } from '../parse';
import { keyRef, keyRefs, resolveKey, resolveKeys, resolveSkuFlag, type KeyRef } from '../resolve';
import type { CliSession } from '../session';
import { askHidden, isTerminal, readInput, readStdin, writeOutput } from '../terminal';

const COLUMNS: Column<SigningKeyRow>[] = [
  { header: 'id', value: (k) => k.id, align: 'right' },
  { header: 'vendor', value: (k) => k.vendorName },
  { header: 'name', value: (k) => k.displayName },
  { header: 'fingerprint', value: (k) => k.fingerprint },
  { header: 'created', value: (k) => k.createdAt.slice(0, 10) },
  { header: 'retired', value: (k) => k.retiredAt?.slice(0, 10) },
  { header: 'SKUs', value: (k) => k.skuCount, align: 'right' },
  { header: 'signed', value: (k) => k.signedCount, align: 'right' },
];

/** How messages name a key: `key 3 "Resizer 2026" (3f2a9c0177de0b4e)`. */
const keyTitle = (k: SigningKeyRow) => `key ${k.id} "${k.displayName}" (${k.fingerprint})`;

function keyBlock(k: SigningKeyDetail): string {
  const head = keyValues([
    ['ID', k.id],
    ['Name', k.displayName],
    ['Vendor', `${k.vendorName} (${k.vendorId})`],
    ['Fingerprint', k.fingerprint],
    ['Public key', k.publicKey],
    ['Public key (hex)', k.publicKeyHex],
    ['Created', showDate(k.createdAt)],
    ['Retired', k.retiredAt ? showDate(k.retiredAt) : 'no'],
    ['Signed files', k.signedCount],
  ]);
  const skus = k.skus.length
    ? table([{ header: 'id', value: (s) => s.id, align: 'right' }, { header: 'sku', value: (s) => s.sku }, { header: 'name', value: (s) => s.name }], k.skus)
    : '(none)';
  return `${head}\n${section('Used by SKUs', skus)}`;
}

/** Short names for `--snippet`, beside the API's own language names. */
const SNIPPET_ALIASES: Record<string, string> = { js: 'javascript', ts: 'javascript', typescript: 'javascript', cs: 'csharp', 'c#': 'csharp', config: 'text' };

function exportText(k: SigningKeyDetail): string {
  const parts = [
    `Signing ${keyTitle(k)} of ${k.vendorName}: its public forms, safe to share and to build into products.`,
    section('Public key (base64)', k.publicKey),
    section('Public key (hex)', k.publicKeyHex),
    ...k.snippets.map((s) => section(`${s.label} (--snippet ${s.language})`, s.code)),
  ];
  return parts.join('\n');
}

async function getKey(session: CliSession, ref: KeyRef): Promise<SigningKeyDetail> {
  return session.call('key.get', { id: await resolveKey(session, ref) });
}

/** The secret to import: from --file, else piped on stdin, else typed (hidden) at the terminal. */
async function readSecret(file: string | undefined): Promise<string> {
  if (file !== undefined) return (await readInput(file, 'the secret key file')).toString('utf8');
  if (isTerminal()) return askHidden('Paste the secret key (hex, base64 or PEM), then press Enter: ', { multilinePem: true });
  return (await readStdin('The secret key')).toString('utf8');
}

type PassOpts = { passphraseFile?: string };

export function keyCommand(): Command {
  const key = new Command('key').description('signing keys: generate, import, show the public key, back up, restore, rotate a SKU to a new key');

  key
    .command('list')
    .description('list signing keys (current ones; --all adds retired keys)')
    .option('--vendor <id>', "only this vendor's keys", positiveId)
    .option('--all', 'include retired keys')
    .action(
      action<{ vendor?: number; all?: boolean }>(async ({ opts, session }) => {
        const keys = await session.call('key.list', { ...(opts.vendor !== undefined && { vendorId: opts.vendor }), ...(opts.all && { includeRetired: true }) });
        const human = keys.length ? table(COLUMNS, keys) : 'No signing keys found. Generate one: keyhub key generate --vendor ID --name NAME';
        return { data: keys, human };
      }),
    );

  key
    .command('show')
    .description('show one signing key: fingerprint, public key, the SKUs that use it')
    .argument('<key>', 'key id or fingerprint', keyRef)
    .action(
      action(async ({ args, session }) => {
        const detail = await getKey(session, args[0] as KeyRef);
        return { data: detail, human: keyBlock(detail) };
      }),
    );

  key
    .command('public')
    .description('print the public key alone, on one line (base64; --hex, or a code snippet)')
    .argument('<key>', 'key id or fingerprint', keyRef)
    .addOption(new Option('--hex', 'hex instead of base64'))
    .addOption(new Option('--snippet <language>', 'a snippet to paste into a product: javascript, csharp or text').conflicts('hex'))
    .action(
      action<{ hex?: boolean; snippet?: string }>(async ({ args, opts, session }) => {
        const detail = await getKey(session, args[0] as KeyRef);
        const base = { id: detail.id, fingerprint: detail.fingerprint, publicKey: detail.publicKey, publicKeyHex: detail.publicKeyHex };
        if (opts.snippet !== undefined) {
          const asked = opts.snippet.trim().toLowerCase();
          const language = SNIPPET_ALIASES[asked] ?? asked;
          const snippet = detail.snippets.find((s) => s.language === language);
          if (!snippet) throw new UsageFailure(`No "${opts.snippet}" snippet; choose one of: ${detail.snippets.map((s) => s.language).join(', ')}.`);
          return { data: { ...base, snippet }, human: snippet.code };
        }
        return { data: base, human: opts.hex ? detail.publicKeyHex : detail.publicKey };
      }),
    );

  key
    .command('export')
    .description('print every public form of a key: base64, hex and code snippets')
    .argument('<key>', 'key id or fingerprint', keyRef)
    .action(
      action(async ({ args, session }) => {
        const detail = await getKey(session, args[0] as KeyRef);
        const { id, vendorId, vendorName, displayName, fingerprint, publicKey, publicKeyHex, snippets } = detail;
        return { data: { id, vendorId, vendorName, displayName, fingerprint, publicKey, publicKeyHex, snippets }, human: exportText(detail) };
      }),
    );

  addPassphraseOption(
    key
      .command('generate')
      .description('generate a new signing key for a vendor (the first one also sets the passphrase)')
      .requiredOption('--vendor <id>', 'vendor id', positiveId)
      .requiredOption('--name <name>', 'display name, e.g. "Resizer 2026"'),
  ).action(
    action<PassOpts & { vendor: number; name: string }>(async ({ opts, session, json }) => {
      await session.call('vendor.get', { id: opts.vendor }); // before asking for a passphrase
      await (await unlockKeys(session, opts, { setupIfUnset: true, json })).open();
      const created = await session.call('key.generate', { vendorId: opts.vendor, displayName: opts.name });
      const human = [
        `Generated signing ${keyTitle(created)} for ${created.vendorName}.`,
        `Public key: ${created.publicKey}`,
        `Use it for a SKU: keyhub sku edit SKU_ID --signing-key ${created.id}`,
        `Back it up:       keyhub key backup ${created.id} --out keys-backup.json`,
      ].join('\n');
      return { data: created, human };
    }, { vendorId: '--vendor', displayName: '--name' }),
  );

  addPassphraseOption(
    key
      .command('import')
      .description('import an existing Ed25519 secret key (seed or 64-byte key as hex or base64, or PKCS#8 PEM) from a file or stdin')
      .requiredOption('--vendor <id>', 'vendor id', positiveId)
      .requiredOption('--name <name>', 'display name')
      .option('--file <path>', 'read the secret key from this file (else from stdin; never from the command line)'),
  ).action(
    action<PassOpts & { vendor: number; name: string; file?: string }>(async ({ opts, session, json }) => {
      await session.call('vendor.get', { id: opts.vendor }); // before asking for anything
      // The key before the passphrase: when stdin carries the key, no prompt can follow, and the
      // passphrase must come from $KEYHUB_PASSPHRASE or --passphrase-file.
      const secret = await readSecret(opts.file);
      if (!secret.trim()) throw new UsageFailure(`No secret key was given${opts.file !== undefined ? ` (${opts.file} is empty)` : ''}: use --file PATH, or pipe the key in on stdin.`);
      await (await unlockKeys(session, opts, { setupIfUnset: true, json })).open();
      const created = await session.call('key.import', { vendorId: opts.vendor, displayName: opts.name, secret });
      return { data: created, human: `Imported signing ${keyTitle(created)} for ${created.vendorName}.\nPublic key: ${created.publicKey}` };
    }, { vendorId: '--vendor', displayName: '--name' }),
  );

  addPassphraseOption(
    addPassphraseOption(
      key
        .command('backup')
        .description('write chosen keys to a file, sealed under a separate backup passphrase')
        .argument('<keys...>', 'key ids or fingerprints', keyRefs)
        .requiredOption('--out <file>', 'the backup file to write (never replaced; see --force)')
        .option('--force', 'replace --out if it exists'),
      BACKUP_PASSPHRASE,
    ),
  ).action(
    action<PassOpts & { out: string; force?: boolean; backupPassphraseFile?: string }>(async ({ args, opts, session, json }) => {
      const ids = await resolveKeys(session, args[0] as KeyRef[]);
      for (const id of ids) await session.call('key.get', { id });
      if (!opts.force && existsSync(opts.out)) throw new UsageFailure(`${opts.out} already exists. Choose another name, or add --force to replace it.`);
      await unlockKeys(session, opts, { json });
      const { passphrase: backupPassphrase } = await obtainPassphrase(opts, BACKUP_PASSPHRASE, {
        question: 'Choose a passphrase for the backup file (at least 10 characters; keep it apart from the file): ',
        confirm: true,
      });
      const backup = await session.call('key.backup', { ids, backupPassphrase });
      const file = writeOutput(opts.out, backup.content, { secret: true, overwrite: opts.force });
      const human = `Wrote ${backup.keyCount} key${backup.keyCount === 1 ? '' : 's'} to ${file}, sealed under the backup passphrase.\nKeep the file and its passphrase in different places. Restore: keyhub key restore ${opts.out}`;
      return { data: { file, keyCount: backup.keyCount, ids }, human };
    }, { ids: '<keys>', backupPassphrase: 'backup passphrase' }),
  );

  addPassphraseOption(
    addPassphraseOption(
      key
        .command('restore')
        .description("restore the keys of a backup file that this data folder lacks (sets the passphrase if none is set)")
        .argument('<file>', 'the backup file, or - for stdin')
        .option('--vendor <id>', 'restore every key to this vendor (default: the vendor with the name in the backup)', positiveId),
      BACKUP_PASSPHRASE,
    ),
  ).action(
    action<PassOpts & { vendor?: number; backupPassphraseFile?: string }>(async ({ args, opts, session, json }) => {
      const content = (await readInput(args[0] as string, 'the backup file')).toString('utf8');
      if (opts.vendor !== undefined) await session.call('vendor.get', { id: opts.vendor });
      const keys = await unlockKeys(session, opts, { setupIfUnset: true, json });
      const { passphrase: backupPassphrase } = await obtainPassphrase(opts, BACKUP_PASSPHRASE, { question: "The backup file's passphrase: " });
      await keys.open();
      const result = await session.call('key.restore', { content, backupPassphrase, ...(opts.vendor !== undefined && { vendorId: opts.vendor }) });
      const lines = [
        result.restored.length ? `Restored ${result.restored.length} key${result.restored.length === 1 ? '' : 's'}:\n${table(COLUMNS, result.restored)}` : 'Restored no keys.',
      ];
      if (result.skipped.length) lines.push(`Already here, left as they were: ${result.skipped.join(', ')}`);
      return { data: result, human: lines.join('\n') };
    }, { content: '<file>', backupPassphrase: 'backup passphrase', vendorId: '--vendor' }),
  );

  addPassphraseOption(
    key
      .command('rotate')
      .description("move a SKU to another key and re-sign its live licenses with it; old keys are retired and kept for verifying")
      .requiredOption('--sku <id-or-code>', 'the SKU (id, or code)')
      .option('--vendor <id>', 'the vendor, when several vendors have the SKU code', positiveId)
      .addOption(new Option('--to <key>', "an existing key of the SKU's vendor (id or fingerprint)").argParser(keyRef).conflicts('newName'))
      .option('--new-name <name>', 'generate a new key with this name instead'),
  ).action(
    action<PassOpts & { sku: string; vendor?: number; to?: KeyRef; newName?: string }>(async ({ opts, session, json }) => {
      if ((opts.to === undefined) === (opts.newName === undefined)) throw new UsageFailure('Give --to KEY (an existing key) or --new-name NAME (a new one).');
      const skuId = await resolveSkuFlag(session, opts.sku, opts.vendor);
      const target = opts.to !== undefined ? { keyId: await resolveKey(session, opts.to) } : { newKeyName: opts.newName! };
      const sku = await session.call('sku.get', { id: skuId });
      await (await unlockKeys(session, opts, { setupIfUnset: opts.newName !== undefined, json })).open();
      const started = await session.call('key.rotate', { skuId, ...target });
      const result = (await followJob(session, started, json)) as RotationResult;
      const newKey = await session.call('key.get', { id: result.newKeyId });
      const lines = [
        `SKU ${sku.id} (${sku.sku}) now signs with ${keyTitle(newKey)}.`,
        `Re-signed ${result.licenses} license${result.licenses === 1 ? '' : 's'} and ${result.domainLicenses} domain license${result.domainLicenses === 1 ? '' : 's'}.`,
      ];
      if (result.retiredKeyIds.length) lines.push(`Retired key${result.retiredKeyIds.length === 1 ? '' : 's'} ${result.retiredKeyIds.join(', ')} (kept, so the files they signed still verify).`);
      if (result.unreadable.length) lines.push(`Left as they were (unreadable): ${result.unreadable.join(', ')}`);
      lines.push(`Products need the new public key: keyhub key public ${newKey.id}`);
      return { data: result, human: lines.join('\n') };
    }, { skuId: '--sku', keyId: '--to', newKeyName: '--new-name' }),
  );

  addPassphraseOption(
    addPassphraseOption(
      key.command('passphrase').description('change the passphrase of the signing keys, re-sealing every key at once (or set the first one)'),
      NEW_PASSPHRASE,
    ),
  ).action(
    action<PassOpts & { newPassphraseFile?: string }>(async ({ opts, session }) => {
      const status = await session.call('vault.status', {});
      if (status.state === 'unset') {
        const { passphrase } = await obtainPassphrase(opts, NEW_PASSPHRASE, { question: 'Choose a passphrase for the signing keys (at least 10 characters): ', confirm: true });
        const set = await session.call('vault.setup', { passphrase, minutes: UNLOCK_MINUTES });
        return { data: set, human: 'Set the passphrase of the signing keys.' };
      }
      const { passphrase: current } = await obtainPassphrase(opts, STORE_PASSPHRASE, { question: 'Current passphrase: ' });
      const { passphrase: next } = await obtainPassphrase(opts, NEW_PASSPHRASE, { question: 'New passphrase (at least 10 characters): ', confirm: true });
      const changed = await session.call('vault.changePassphrase', { current, next });
      return { data: changed, human: 'Changed the passphrase; every signing key is now sealed under the new one. Update KEYHUB_PASSPHRASE or your passphrase file.' };
    }, { next: 'new passphrase' }),
  );

  return key;
}
