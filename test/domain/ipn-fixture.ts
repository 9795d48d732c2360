/**
 * IPN messages for the parse and import tests, built from the seed's sample
 * (004_*.txt, Transactions), copied byte for byte into fixtures/ipn-seed-sample.txt.
 */
import { readFileSync } from 'node:fs';

export const SEED_SAMPLE_PATH = new URL('./fixtures/ipn-seed-sample.txt', import.meta.url);
/** The sample exactly as the seed shows it: indented key=value lines, a blank line, then e-junkie's ej_txn_id. */
export const SEED_SAMPLE = readFileSync(SEED_SAMPLE_PATH, 'utf8');
export const SEED_TXN = '6MF63406U4306732Y';
export const SEED_PAID = '2012-07-18T09:51:26.000Z';

/** The sample's pairs as written (still escaped), in order. */
export const SEED_PAIRS: Array<[string, string]> = SEED_SAMPLE.split('\n')
  .map((l) => l.trim())
  .filter(Boolean)
  .map((l) => {
    const at = l.indexOf('=');
    return [l.slice(0, at), l.slice(at + 1)];
  });

/**
 * The sample's pairs with some changed (`undefined` drops a field; new keys are added at
 * the end). Values are written as in the message (escaped).
 */
export function samplePairs(changes: Record<string, string | undefined> = {}): Array<[string, string]> {
  const seen = new Set<string>();
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of SEED_PAIRS) {
    if (key in changes) {
      if (seen.has(key)) continue;
      seen.add(key);
      const changed = changes[key];
      if (changed !== undefined) pairs.push([key, changed]);
    } else pairs.push([key, value]);
  }
  for (const [key, value] of Object.entries(changes)) if (!seen.has(key) && value !== undefined) pairs.push([key, value]);
  return pairs;
}

/** One key=value pair a line. */
export const asLines = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `${k}=${v}`).join('\n');
/** PayPal's POST body: one line. */
export const asForm = (pairs: Array<[string, string]>) => pairs.map(([k, v]) => `${k}=${v}`).join('&');

/** The sample as a form line with changes. */
export const sampleForm = (changes: Record<string, string | undefined> = {}) => asForm(samplePairs(changes));

/** A refund, reversal or cancelled reversal of the sample, as PayPal sends it (its own txn id, the purchase as parent). */
export function eventForm(status: 'Refunded' | 'Reversed' | 'Canceled_Reversal', txnId: string, extra: Record<string, string> = {}): string {
  const gross = status === 'Canceled_Reversal' ? '249.00' : '-249.00';
  return sampleForm({
    txn_id: txnId,
    parent_txn_id: SEED_TXN,
    payment_status: status,
    mc_gross: gross,
    mc_fee: status === 'Canceled_Reversal' ? '9.02' : '-9.02',
    payment_date: '10%3A00%3A00+Jul+20%2C+2012+PDT',
    reason_code: status === 'Refunded' ? 'refund' : 'chargeback',
    ...extra,
  });
}
