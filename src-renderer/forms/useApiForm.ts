/**
 * Saving a form: the input is checked first with the very schema the API uses (same
 * messages, no round trip), then sent; field errors from either place land under
 * their fields, anything else in a banner at the top.
 */
import { useState } from 'react';
import type { z } from 'zod';
import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../src-main/api/contract';
import { api, ApiError, messageOf } from '../api/client';

export type FieldErrors = Record<string, string>;

/** Given a refusal, tries to remove its cause (asking the user); true when the call should be made again. */
export type Recover = (error: ApiError) => Promise<boolean>;

/** How often one submit may recover and try again: each time the user was asked and said yes. */
const MAX_RECOVERIES = 3;

export interface ApiForm {
  errors: FieldErrors;
  banner: string | null;
  saving: boolean;
  /** Grows on every refused submit, so the form can move focus to the first bad field. */
  failures: number;
  /**
   * Checks and sends `input`; the answer, or undefined when refused (the messages are shown).
   * `recover` may put right what refused it (unlock the signing keys) and say true: then it is sent again.
   */
  submit: <M extends MethodName>(method: M, input: MethodInput<M>, recover?: Recover) => Promise<MethodOutput<M> | undefined>;
  /** Refuses a save for a reason only the form knows (no vendor chosen yet). */
  reject: (fields: FieldErrors) => void;
  clearError: (field: string) => void;
}

export function issuesToFields(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** The message for a field, including messages about its items (`featureIds.2`). */
export function errorFor(errors: FieldErrors, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${field}.`));
  return nested ? errors[nested] : undefined;
}

export function useApiForm(): ApiForm {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [failures, setFailures] = useState(0);

  function refuse(fields: FieldErrors, message: string | null) {
    setErrors(fields);
    setBanner(message);
    setFailures((n) => n + 1);
  }

  const attentionMessage = (fields: FieldErrors) => {
    const count = Object.keys(fields).length;
    return count === 1 ? 'One field needs attention.' : `${count} fields need attention.`;
  };

  async function submit<M extends MethodName>(method: M, input: MethodInput<M>, recover?: Recover): Promise<MethodOutput<M> | undefined> {
    const schema = contract[method].input as z.ZodType;
    const checked = schema.safeParse(input);
    if (!checked.success) {
      const fields = issuesToFields(checked.error.issues);
      refuse(fields, attentionMessage(fields));
      return undefined;
    }
    setSaving(true);
    try {
      const saved = await callRecovering(() => api(method, input), recover);
      setErrors({});
      setBanner(null);
      return saved;
    } catch (error) {
      if (error instanceof ApiError) refuse(error.fields, error.message);
      else refuse({}, messageOf(error));
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  function clearError(field: string) {
    setErrors((all) => {
      if (!errorFor(all, field)) return all;
      return Object.fromEntries(
        Object.entries(all).filter(([key]) => key !== field && !key.startsWith(`${field}.`)),
      );
    });
  }

  const reject = (fields: FieldErrors) => refuse(fields, attentionMessage(fields));

  return { errors, banner, saving, failures, submit, reject, clearError };
}

async function callRecovering<T>(call: () => Promise<T>, recover: Recover | undefined): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ApiError) || !recover || attempt >= MAX_RECOVERIES || !(await recover(error))) throw error;
    }
  }
}
