/**
 * Where the CLI gets a passphrase: its --…-file option (first line), else its
 * environment variable, else a prompt without echo when stdin is a terminal. It never
 * takes one as an argv value (argv shows in `ps`), and never prints one.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ApiFailure, UsageFailure } from './failures';
import { askHidden, isTerminal, reason } from './terminal';
import type { CliSession } from './session';

/** How long `vault.unlock` keeps the keys open; the process ends long before. */
export const UNLOCK_MINUTES = 5;

export interface PassphraseSource {
  /** What the passphrase opens, for messages: "the signing keys", "the backup". */
  opens: string;
  env: string;
  /** The option, e.g. `--passphrase-file`, and its attribute in opts. */
  flag: string;
  attribute: string;
}

export const STORE_PASSPHRASE: PassphraseSource = {
  opens: 'the signing keys',
  env: 'KEYHUB_PASSPHRASE',
  flag: '--passphrase-file',
  attribute: 'passphraseFile',
};

export const BACKUP_PASSPHRASE: PassphraseSource = {
  opens: 'the key backup',
  env: 'KEYHUB_BACKUP_PASSPHRASE',
  flag: '--backup-passphrase-file',
  attribute: 'backupPassphraseFile',
};

export const NEW_PASSPHRASE: PassphraseSource = {
  opens: 'the signing keys from now on',
  env: 'KEYHUB_NEW_PASSPHRASE',
  flag: '--new-passphrase-file',
  attribute: 'newPassphraseFile',
};

export function addPassphraseOption(command: Command, source: PassphraseSource = STORE_PASSPHRASE): Command {
  return command.option(`${source.flag} <path>`, `read the passphrase for ${source.opens} from this file's first line (else $${source.env}, else a prompt)`);
}

interface Ask {
  /** The prompt's question. */
  question: string;
  /** Ask twice and compare: for a passphrase being chosen. */
  confirm?: boolean;
}

export interface Obtained {
  passphrase: string;
  /** True when typed at a prompt: a wrong one may be typed again. */
  prompted: boolean;
}

function fromFile(file: string, source: PassphraseSource): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageFailure(`Cannot read the passphrase file ${file} (${source.flag}): ${reason(error)}`);
  }
  const first = text.split('\n')[0].replace(/\r$/, '');
  if (!first) throw new UsageFailure(`The passphrase file ${file} (${source.flag}) is empty: its first line is the passphrase.`);
  return first;
}

export function missingPassphrase(source: PassphraseSource): UsageFailure {
  return new UsageFailure(
    [
      `A passphrase is needed to open ${source.opens}, and none was given. Give it one of three ways:`,
      `  - set ${source.env} in the environment,`,
      `  - add ${source.flag} PATH (a file whose first line is the passphrase), or`,
      '  - run the command in a terminal, where it asks for the passphrase without showing it.',
    ].join('\n'),
  );
}

/** The passphrase from the option's file, the environment or a prompt, in that order. */
export async function obtainPassphrase(opts: object, source: PassphraseSource, ask: Ask): Promise<Obtained> {
  const file = (opts as Record<string, unknown>)[source.attribute];
  if (typeof file === 'string') return { passphrase: fromFile(file, source), prompted: false };
  const env = process.env[source.env];
  if (env) return { passphrase: env, prompted: false };
  if (!isTerminal()) throw missingPassphrase(source);
  let first = '';
  // An empty answer (Enter alone, or a blank line left over from a paste) asks again.
  for (let tries = 0; !first && tries < 3; tries++) first = await askHidden(ask.question);
  if (!first) throw new UsageFailure('No passphrase was typed; nothing was changed.');
  if (ask.confirm) {
    const again = await askHidden('Type it again: ');
    if (again !== first) throw new UsageFailure('The two passphrases differ; nothing was changed.');
  }
  return { passphrase: first, prompted: true };
}

const isWrongPassphrase = (error: unknown) => error instanceof ApiFailure && error.body.code === 'WRONG_PASSPHRASE';

/**
 * Makes the signing keys usable for this command. Locked keys are unlocked at once, so
 * a wrong passphrase is known before anything else is asked (someone typing at a
 * prompt gets three tries). With `setupIfUnset`, a data folder with no passphrase yet
 * gets one: it is asked now and set by `open()`, right before the call that needs it,
 * so a command refused earlier leaves the folder as it was.
 */
export async function unlockKeys(session: CliSession, opts: object, options: { setupIfUnset?: boolean; json?: boolean } = {}): Promise<{ open: () => Promise<void> }> {
  const ready = { open: async () => {} };
  const status = await session.call('vault.status', {});
  if (status.state === 'unlocked') return ready;
  if (status.state === 'unset') {
    if (!options.setupIfUnset) {
      throw new ApiFailure({
        code: 'LOCKED',
        message: 'No passphrase is set yet, so this data folder has no signing keys. Add one first: keyhub key generate --vendor ID --name NAME',
      });
    }
    const { passphrase } = await obtainPassphrase(opts, STORE_PASSPHRASE, {
      question: 'This data folder has no signing keys yet. Choose a passphrase to protect them (at least 10 characters): ',
      confirm: true,
    });
    return {
      open: async () => {
        await session.call('vault.setup', { passphrase, minutes: UNLOCK_MINUTES });
        if (!options.json) process.stderr.write('Set the passphrase of the signing keys. Keep it safe: without it they cannot sign.\n');
      },
    };
  }
  for (let attempt = 1; ; attempt++) {
    const { passphrase, prompted } = await obtainPassphrase(opts, STORE_PASSPHRASE, { question: 'Passphrase for the signing keys: ' });
    try {
      await session.call('vault.unlock', { passphrase, minutes: UNLOCK_MINUTES });
      return ready;
    } catch (error) {
      if (!prompted || attempt >= 3 || !isWrongPassphrase(error)) throw error;
      process.stderr.write('Wrong passphrase; try again.\n');
    }
  }
}
