import { errorFor, type ApiForm } from './useApiForm';

/**
 * A form dialog's refusal that no field shows: a field's own message already says what
 * is wrong, so the general one appears only when no field of the dialog has a message.
 */
export function DialogRefusal({ form, fields }: { form: ApiForm; fields: string[] }) {
  if (!form.banner || fields.some((field) => errorFor(form.errors, field))) return null;
  return (
    <p className="refusal" role="alert">
      {form.banner}
    </p>
  );
}
