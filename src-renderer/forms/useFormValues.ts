import { useState } from 'react';

/**
 * A form's values as one object, with a setter per field. Setting a field also clears
 * its error message, so the message goes away as soon as the user acts on it. `dirty`
 * says whether anything differs from where the form started (leaving asks first then).
 */
export function useFormValues<V extends object>(initial: V | (() => V), onFieldChange?: (field: string) => void) {
  const [initialValues] = useState<V>(initial);
  const [values, setValues] = useState<V>(initialValues);
  function set<K extends keyof V>(field: K, value: V[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    onFieldChange?.(String(field));
  }
  return { values, set, setValues, dirty: !sameValues(values, initialValues) };
}

function sameValues<V extends object>(a: V, b: V): boolean {
  return Object.keys(a).every((key) => sameValue(a[key as keyof V], b[key as keyof V]));
}

/** Lists of ids are selections: ticking a box off and on again changes nothing. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item) => b.includes(item));
  return Object.is(a, b);
}
