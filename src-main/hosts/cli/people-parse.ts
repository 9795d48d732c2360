/**
 * Option values of the people and audit commands: a word from a fixed list, an object as
 * `TYPE:ID`, and users and rights named the way people name them (an email, a right's name).
 */
import { InvalidArgumentError } from 'commander';
import { OBJECT_TYPES } from '../../api/schemas';
import type { ObjectType } from '../../domain/people/types';
import { ApiFailure } from './failures';
import type { CliSession } from './session';

/** A parser that takes one of `words` (any case) and gives it as listed. */
export function choice<W extends string>(words: readonly W[]) {
  return (value: string): W => {
    const match = words.find((w) => w.toLowerCase() === value.trim().toLowerCase());
    if (!match) throw new InvalidArgumentError(`"${value}" is not one of ${words.join(', ')}.`);
    return match;
  };
}

export interface ObjectRef {
  objectType: ObjectType;
  objectId: string;
}

/** `license:12`, `app:3f2b9c1e-…`, `customer:4`: the API checks that the object exists. */
export function objectRef(value: string): ObjectRef {
  const at = value.indexOf(':');
  const type = (at < 0 ? value : value.slice(0, at)).trim().toLowerCase();
  const id = at < 0 ? '' : value.slice(at + 1).trim();
  if (!(OBJECT_TYPES as readonly string[]).includes(type) || !id) {
    throw new InvalidArgumentError(`"${value}" is not TYPE:ID with TYPE one of ${OBJECT_TYPES.join(', ')} (e.g. license:12).`);
  }
  return { objectType: type as ObjectType, objectId: id };
}

/** An audit target: `TYPE` alone, or `TYPE:ID` (any target type the log holds). */
export function auditTarget(value: string): { targetType: string; targetId?: string } {
  const at = value.indexOf(':');
  const targetType = (at < 0 ? value : value.slice(0, at)).trim();
  const targetId = at < 0 ? undefined : value.slice(at + 1).trim();
  if (!targetType || targetId === '') throw new InvalidArgumentError(`"${value}" is not TYPE or TYPE:ID (e.g. license:12).`);
  return { targetType, ...(targetId !== undefined && { targetId }) };
}

const fieldFailure = (field: string, message: string) => new ApiFailure({ code: 'VALIDATION', message, details: { fields: { [field]: message } } });

/** A user by id, or by email (ignoring case, as emails are unique that way). */
export async function resolveUser(session: CliSession, value: string): Promise<number> {
  const text = value.trim();
  if (/^\d+$/.test(text) && Number(text) >= 1) return Number(text);
  if (!text.includes('@')) throw fieldFailure('userId', `"${value}" is neither a user id nor an email.`);
  const page = await session.call('user.list', { search: text, limit: 500 });
  const match = page.items.find((u) => u.email.toLowerCase() === text.toLowerCase());
  if (!match) throw fieldFailure('userId', `No user has the email ${text}. See them: keyhub user list --search ${text}`);
  return match.id;
}

/** A right by id, or by name (ignoring case, as names are unique that way). */
export async function resolveRight(session: CliSession, value: string): Promise<number> {
  const text = value.trim();
  if (/^\d+$/.test(text) && Number(text) >= 1) return Number(text);
  const rights = await session.call('right.list', {});
  const match = rights.find((r) => r.name.toLowerCase() === text.toLowerCase());
  if (!match) throw fieldFailure('rightId', `No right is named "${text}". The rights: ${rights.map((r) => r.name).join(', ')}.`);
  return match.id;
}
