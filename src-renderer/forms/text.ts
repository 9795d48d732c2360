/** Form text for an optional stored value (null shows as empty). */
export function textOf(value: string | null | undefined): string {
  return value ?? '';
}
