import { CUSTOMER_KINDS } from '../../../src-main/api/schemas';
import type { CustomerKind } from '../../../src-main/domain/people/types';

const KIND_LABELS: Record<CustomerKind, string> = { organization: 'Organisation', person: 'Person' };

export function customerKindLabel(kind: CustomerKind): string {
  return KIND_LABELS[kind];
}

export const CUSTOMER_KIND_OPTIONS = CUSTOMER_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }));

export function asCustomerKind(value: string): CustomerKind | undefined {
  return (CUSTOMER_KINDS as readonly string[]).includes(value) ? (value as CustomerKind) : undefined;
}

export function KindBadge({ kind }: { kind: CustomerKind }) {
  return <span className={`badge badge--kind-${kind}`}>{KIND_LABELS[kind]}</span>;
}

/** `Berlin, Germany`, or '' when no part is known. */
export function placeOf(c: { city: string | null; region: string | null; country: string | null }): string {
  return [c.city, c.region, c.country].filter(Boolean).join(', ');
}
