/** How audit entries read: record types by name, actions grouped, what an edit changed. */

const TYPE_LABELS: Record<string, string> = {
  vendor: 'Vendor',
  sku: 'SKU',
  feature: 'Feature code',
  package: 'Package',
  private_key: 'Signing key',
  license: 'License',
  domain: 'Domain',
  app: 'App',
  customer: 'Customer',
  user: 'User',
  right: 'Right',
  vault: 'Vault',
  key_vault: 'Vault',
};

export function targetTypeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

/**
 * Every action, after one choice a group ("Every license action" = `license.`, which
 * the API reads as a prefix), when the group has more than one action.
 */
export function actionOptions(actions: string[]): { value: string; label: string }[] {
  const groups = new Map<string, number>();
  for (const action of actions) {
    const dot = action.indexOf('.');
    if (dot > 0) groups.set(action.slice(0, dot + 1), (groups.get(action.slice(0, dot + 1)) ?? 0) + 1);
  }
  const grouped = [...groups]
    .filter(([, count]) => count > 1)
    .map(([prefix]) => ({ value: prefix, label: `Every ${prefix.slice(0, -1)} action` }));
  return [...grouped, ...actions.map((a) => ({ value: a, label: a }))];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** For an edit recorded as `{before, after}`: the fields whose value changed, as "name, city"; else null. */
export function changedFields(details: Record<string, unknown>): string | null {
  const { before, after } = details;
  if (!isRecord(before) || !isRecord(after)) return null;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed = [...keys].filter((key) => key !== 'updatedAt' && JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return changed.length ? changed.join(', ') : null;
}

/** Fields that name what an entry is about, in the order they are looked for. */
const NAMING_FIELDS = ['name', 'displayName', 'ownerName', 'owner', 'domain', 'domainName', 'sku', 'code', 'email', 'rightName', 'version', 'reason'];

/** One line saying what an entry is about: "Changed name, city", or the record's name ("Photometer AG"); null when nothing says. */
export function detailSummary(details: Record<string, unknown>): string | null {
  const changed = changedFields(details);
  if (changed) return `Changed ${changed}`;
  for (const field of NAMING_FIELDS) {
    const value = details[field];
    if (typeof value === 'string' && value.trim()) return field === 'reason' ? `Reason: ${value}` : value;
  }
  return null;
}
