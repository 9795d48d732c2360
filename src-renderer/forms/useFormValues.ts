import { useState } from 'react';

/**
 * A form's values as one object, with a setter per field. Setting a field also clears
 * its error message, so the message goes away as soon as the user acts on it.
 */
export function useFormValues<V extends object>(initial: V | (() => V), onFieldChange?: (field: string) => void) {
  const [values, setValues] = useState<V>(initial);
  function set<K extends keyof V>(field: K, value: V[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    onFieldChange?.(String(field));
  }
  return { values, set, setValues };
}
