/**
 * What every add-or-edit form does besides its fields: start from the record (or
 * blank), save with the create or the update method, confirm with a toast and go to
 * the saved record, lead back on Cancel, and ask before any way out loses changes.
 * Each form says only what differs.
 */
import { useNavigate } from 'react-router';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import { useToast } from '../components/Toasts';
import { incompleteDateErrors } from './dateInput';
import type { FormControls } from './FormShell';
import { errorFor, useApiForm, type FieldErrors } from './useApiForm';
import { useFormValues } from './useFormValues';
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard';

interface SaveWith<M extends MethodName, Args extends unknown[]> {
  method: M;
  input: (...args: Args) => MethodInput<M>;
}

export interface RecordFormOptions<V extends object, R, C extends MethodName, U extends MethodName> {
  /** The record being edited; undefined when adding one. */
  record: R | undefined;
  initialValues: () => V;
  /** Refusals only the form can know (no vendor chosen yet), checked before anything is sent. */
  check?: (values: V) => FieldErrors;
  create: SaveWith<C, [values: V]>;
  update: SaveWith<U, [values: V, record: R]>;
  /** The confirmation and the next screen; `added` is true for a new record. */
  afterSave: (saved: MethodOutput<C> | MethodOutput<U>, added: boolean) => { message: string; to: string };
  /** Where Cancel and Esc lead (asking first when there are changes). */
  leaveTo: string;
}

export function useRecordForm<V extends object, R, C extends MethodName, U extends MethodName>(
  options: RecordFormOptions<V, R, C, U>,
) {
  const { record, check, create, update, afterSave, leaveTo } = options;
  const navigate = useNavigate();
  const toast = useToast();
  const apiForm = useApiForm();
  const { values, set, setValues, dirty } = useFormValues(options.initialValues, apiForm.clearError);
  const guard = useUnsavedChangesGuard(dirty);

  async function save() {
    const refusals = { ...incompleteDateErrors(values), ...check?.(values) };
    if (Object.keys(refusals).length > 0) return apiForm.reject(refusals);
    const saved =
      record === undefined
        ? await apiForm.submit(create.method, create.input(values))
        : await apiForm.submit(update.method, update.input(values, record));
    if (saved === undefined) return;
    const next = afterSave(saved, record === undefined);
    toast.success(next.message);
    // Saved, so nothing is lost, though the values still differ from where the form started.
    guard.leaveWithoutAsking(() => navigate(next.to, { replace: true }));
  }

  const controls: FormControls = {
    save,
    leave: () => navigate(leaveTo),
    leaveQuestion: guard.question,
    saving: apiForm.saving,
    banner: apiForm.banner,
    failures: apiForm.failures,
  };
  return {
    values,
    set,
    setValues,
    error: (field: string) => errorFor(apiForm.errors, field),
    clearError: apiForm.clearError,
    controls,
  };
}
