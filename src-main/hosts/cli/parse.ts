/**
 * Option-value parsers. They catch what is wrong with the command line itself (a word
 * where a number belongs) as usage errors; the API's schemas judge everything else.
 */
import { InvalidArgumentError } from 'commander';
import { STABILITY_LABELS } from '../../api/schemas';

const CLEAR_WORDS = new Set(['none', 'null', '']);

/**
 * What a parser returns for "none". Commander turns a parser's null into '', so the
 * request to clear travels as this marker and pickFields() makes it null.
 */
export const CLEAR = Symbol('clear');

export function wholeNumber(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
  return Number(value);
}

export function positiveId(value: string): number {
  const n = wholeNumber(value);
  if (n < 1) throw new InvalidArgumentError(`"${value}" is not an id (ids are 1 or more).`);
  return n;
}

/** A number, or "none" to clear it (no limit). */
export function numberOrNone(value: string): number | typeof CLEAR {
  if (CLEAR_WORDS.has(value.trim().toLowerCase())) return CLEAR;
  if (!/^-?\d+$/.test(value.trim())) {
    throw new InvalidArgumentError(`"${value}" is not a whole number (or "none" for no limit).`);
  }
  return Number(value);
}

/** A date as typed (the API checks its form), or "none" to clear it. */
export function dateOrNone(value: string): string | typeof CLEAR {
  return CLEAR_WORDS.has(value.trim().toLowerCase()) ? CLEAR : value;
}

/** Repeatable and comma-separated: `--feature 1 --feature 2,3`. "none" empties the list. */
export function collectList(value: string, previous: string[] | undefined): string[] {
  if (value.trim().toLowerCase() === 'none') return [];
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

export function idList(values: string[]): number[] {
  return values.map(positiveId);
}

/** 0-4, or its label: stable, rc, beta, alpha, preview. */
export function stability(value: string): number {
  const byLabel = STABILITY_LABELS.findIndex((label) => label.toLowerCase() === value.trim().toLowerCase());
  if (byLabel >= 0) return byLabel;
  if (/^[0-4]$/.test(value.trim())) return Number(value);
  throw new InvalidArgumentError(`"${value}" is not a stability: use 0-4 or ${STABILITY_LABELS.join(', ')}.`);
}
