/**
 * Imports a batch of PayPal IPN / e-junkie messages: each is parsed (a bad one is
 * refused with its line and reason, nothing written), optionally validated with
 * PayPal, and the good ones are recorded and fulfilled. A LOCKED error (a purchase must
 * be signed and the keys are locked) is raised before anything is written; the caller
 * unlocks and sends the same batch again.
 */
import type { ParsedInput } from '../../../api/contract';
import type { ApiContext } from '../../../api/dispatch';
import { readSettings } from '../../settings/settings';
import { recordMessages, type LinedMessage } from '../record';
import { emptyTally } from '../tally';
import type { ImportTally } from '../types';
import { statement } from '../../../store/statements';
import { IPN_PROVIDER, parseIpnMessage } from './parse';
import { validateAll } from './validate';

const TXN_ID = /(?:^|[&\n])[ \t]*txn_id=([^&\s]+)/;

function isStoredVerbatim(ctx: ApiContext, text: string): boolean {
  const txnId = TXN_ID.exec(text)?.[1];
  if (txnId === undefined) return false;
  const raw = (statement(ctx.store.sqlite, 'SELECT raw FROM transactions WHERE provider = ? AND provider_txn_id = ?').get(IPN_PROVIDER, txnId) as { raw: string } | undefined)?.raw;
  return raw !== undefined && (raw === text || raw === text.trim());
}

export async function importIpnBatch(ctx: ApiContext, input: ParsedInput<'transaction.importIpn'>): Promise<ImportTally> {
  const tally = emptyTally();
  let good: Array<LinedMessage & { text: string }> = [];
  for (const { line, text } of input.messages) {
    // A message stored exactly so already is a replay: a duplicate, read no further.
    if (isStoredVerbatim(ctx, text)) {
      tally.messages++;
      tally.duplicates++;
      continue;
    }
    const parsed = parseIpnMessage(text, line);
    if (parsed.ok) good.push({ line, message: parsed.message, text });
    else {
      tally.messages++;
      tally.rejected.push(parsed.rejected);
    }
  }

  const { ipn } = readSettings(ctx.store.db);
  if (ipn.validate && good.length > 0) {
    const verdicts = await validateAll(good.map((g) => g.text), ipn.validateUrl);
    const verified: typeof good = [];
    good.forEach((entry, i) => {
      const reason = verdicts[i];
      if (reason === null) verified.push(entry);
      else {
        tally.messages++;
        tally.rejected.push({ line: entry.line, txnId: entry.message.kind === 'purchase' ? entry.message.providerTxnId : entry.message.eventId.split('/')[0], reason: `${reason}.` });
      }
    });
    good = verified;
  }

  await recordMessages(ctx, good.map(({ line, message }) => ({ line, message })), tally);
  tally.rejected.sort((a, b) => a.line - b.line);
  return tally;
}
