/**
 * What an app's stat kinds mean. The seed stores a bare number (`stat_kind`); this table
 * gives the numbers KeyHub knows a name, so reports may say "Requests" instead of 1 and
 * charts can label their series. Numbers outside it are kept and shown as "Kind N".
 */
export const STAT_KINDS: ReadonlyArray<{ kind: number; label: string }> = [
  { kind: 1, label: 'Requests' },
  { kind: 2, label: 'Licensed domains seen' },
  { kind: 3, label: 'Unlicensed domains seen' },
  { kind: 4, label: 'Errors' },
  { kind: 5, label: 'Active installs' },
];

const byKind = new Map(STAT_KINDS.map((k) => [k.kind, k.label]));

/** "Licensed domains seen", "licensed_domains_seen" and "LicensedDomainsSeen" are one name. */
const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const byName = new Map(STAT_KINDS.map((k) => [squash(k.label), k.kind]));

export function statKindLabel(kind: number): string {
  return byKind.get(kind) ?? `Kind ${kind}`;
}

/** The number of a known label (any case, spaces, `_` or `-`), or "Kind N"; null when unknown. */
export function statKindByLabel(label: string): number | null {
  const known = byName.get(squash(label));
  if (known !== undefined) return known;
  const numbered = /^kind\s*(\d+)$/i.exec(label.trim());
  return numbered ? Number(numbered[1]) : null;
}
