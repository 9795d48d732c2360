/**
 * Online validation: each message is posted back to PayPal (`cmd=_notify-validate&` and
 * the message as PayPal sent it) before it is recorded. PayPal answers VERIFIED for a
 * message it sent, INVALID otherwise; anything else (no answer, an error page) leaves
 * the message unrecorded, to be imported again later.
 */
import { postbackBody } from './fields';

export interface PostbackOptions {
  /** Per request. */
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_CONCURRENCY = 4;

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  // fetch refuses ports browsers block (6000, 6665…): say so rather than "bad port".
  if (cause?.message === 'bad port') return 'HTTP clients may not use that port; choose another';
  if (cause?.code) return cause.code === 'ECONNREFUSED' ? 'connection refused' : cause.code === 'ENOTFOUND' ? 'no such host' : cause.code;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/** Posts one message back; null when PayPal verified it, else why it is refused. */
export async function validateOne(text: string, url: string, options: PostbackOptions = {}): Promise<string | null> {
  return (await postBack(text, url, options)).refusal;
}

/** `unreachable`: no answer at all (network, timeout), so the next messages need not wait for theirs. */
async function postBack(text: string, url: string, options: PostbackOptions): Promise<{ refusal: string | null; unreachable: boolean }> {
  const refusal = await answerOf(text, url, options);
  return { refusal: refusal?.text ?? null, unreachable: refusal?.unreachable ?? false };
}

async function answerOf(text: string, url: string, options: PostbackOptions): Promise<{ text: string; unreachable: boolean } | null> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const couldNot = (what: string) => `could not validate it with PayPal at ${url} (${what}): nothing recorded; import it again later`;
  let answer: string;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'KeyHub-IPN-Validation' },
      body: `cmd=_notify-validate&${postbackBody(text)}`,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    });
    answer = (await response.text()).trim();
    if (!response.ok) return { text: couldNot(`HTTP ${response.status}${answer ? `: ${answer.slice(0, 80)}` : ''}`), unreachable: false };
  } catch (error) {
    return { text: `could not reach ${url} (${describeFailure(error, timeoutMs)}): nothing recorded; import it again later`, unreachable: true };
  }
  if (answer === 'VERIFIED') return null;
  if (answer === 'INVALID') return { text: 'PayPal did not verify it (INVALID): it may not come from PayPal, or was changed since; nothing recorded', unreachable: false };
  return { text: couldNot(`it answered ${JSON.stringify(answer.slice(0, 80))}, not VERIFIED or INVALID`), unreachable: false };
}

/**
 * Validates messages a few at a time; the answer at each index is null (verified) or the
 * reason it is refused. Once PayPal cannot be reached, the messages not yet sent are
 * refused at once with that reason (a batch need not wait out a timeout per message).
 */
export async function validateAll(texts: string[], url: string, options: PostbackOptions = {}): Promise<Array<string | null>> {
  const results: Array<string | null> = new Array(texts.length).fill(null);
  let next = 0;
  let unreachable: string | null = null;
  const worker = async () => {
    while (next < texts.length) {
      const index = next++;
      if (unreachable !== null) {
        results[index] = `${unreachable} (not sent: an earlier message found PayPal unreachable)`;
        continue;
      }
      const answer = await postBack(texts[index], url, options);
      results[index] = answer.refusal;
      if (answer.unreachable) unreachable ??= answer.refusal;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, texts.length) }, worker));
  return results;
}
