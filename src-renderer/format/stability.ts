import { STABILITY_LABELS } from '../../src-main/api/schemas';

const NAMES = ['Stable', 'Release candidate', 'Beta', 'Alpha', 'Preview'] as const;

export const STABILITY_OPTIONS = STABILITY_LABELS.map((label, value) => ({
  value,
  label: `${NAMES[value]} (${label})`,
}));

export function stabilityName(stability: number): string {
  return NAMES[stability] ?? `Level ${stability}`;
}
