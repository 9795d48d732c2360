/** Building blocks every area's input schemas share (pure zod, no Node). */
import { z } from 'zod';
import { parseUtc } from '../../shared/time';

export const trimmed = (max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

export const dateMessage = (label: string) =>
  `${label} must be a real date like 2026-01-31, or an ISO time like 2026-01-31T09:00:00Z.`;

/** A date (`YYYY-MM-DD`, taken as midnight UTC) or an ISO date-time with a zone. */
export const utcDateTime = (label: string) =>
  z.string().transform((v, ctx) => {
    const iso = parseUtc(v);
    if (iso === null) {
      ctx.addIssue({
        code: 'custom',
        message: dateMessage(label),
      });
      return z.NEVER;
    }
    return iso;
  });

export const optionalDate = (label: string) =>
  z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (!v || !v.trim()) return null;
      const iso = parseUtc(v);
      if (iso === null) {
        ctx.addIssue({ code: 'custom', message: dateMessage(label) });
        return z.NEVER;
      }
      return iso;
    });

/** Days; null or empty means "no limit". */
export const optionalDays = (label: string) =>
  z
    .number({ error: `${label} must be a whole number of days.` })
    .int(`${label} must be a whole number of days.`)
    .min(0, `${label} cannot be negative.`)
    .max(36_500, `${label} cannot exceed 100 years.`)
    .nullish()
    .transform((v) => (v === undefined ? null : v));

export const optionalCount = (label: string) =>
  z
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(0, `${label} cannot be negative.`)
    .max(1_000_000, `${label} is too large.`)
    .nullish()
    .transform((v) => (v === undefined ? null : v));

export const url = (label: string) =>
  z
    .string()
    .trim()
    .max(4096, `${label} must be at most 4096 characters.`)
    .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), `${label} must be an http(s) URL.`)
    .nullish()
    .transform((v) => (v ? v : null));

export const id = z.number().int().positive();
export const empty = z.object({}).strict().optional().transform(() => ({}));
export const byId = z.object({ id });

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;

/** Every list: text search, one sort column, and a page. Sorting and paging happen in SQL. */
export const listQuery = <S extends readonly [string, ...string[]]>(sortable: S) =>
  z.object({
    search: z.string().trim().max(256).optional(),
    sort: z.enum(sortable).optional(),
    dir: z.enum(SORT_DIRECTIONS).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  });


/** A GUID, any case, braces allowed; stored lower case without braces. */
export const guid = (label = 'Id') =>
  z
    .string()
    .trim()
    .transform((v) => v.replace(/^\{(.*)\}$/, '$1').toLowerCase())
    .refine((v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v), `${label} must be a GUID like 3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01.`);

/** A staff override of a rule: always with a reason, which the audit log keeps. */
export const override = z.object({ reason: trimmed(1024, 'The reason for the override') });

/** A day count given by a person: whole, positive, at most 100 years. */
export const positiveDays = (label: string) =>
  z
    .number({ error: `${label} must be a whole number of days.` })
    .int(`${label} must be a whole number of days.`)
    .min(1, `${label} must be at least one day.`)
    .max(36_500, `${label} cannot exceed 100 years.`);
