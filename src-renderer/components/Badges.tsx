import type { SkuAvailability } from '../../src-main/domain/catalog/types';
import { stabilityName } from '../format/stability';

const AVAILABILITY_LABELS: Record<SkuAvailability, string> = {
  upcoming: 'Upcoming',
  on_sale: 'On sale',
  retired: 'Retired',
};

export function availabilityLabel(availability: SkuAvailability): string {
  return AVAILABILITY_LABELS[availability];
}

/** Where a SKU stands today: not yet released, on sale, or past its expiration. */
export function AvailabilityBadge({ availability }: { availability: SkuAvailability }) {
  return <span className={`badge badge--${availability}`}>{AVAILABILITY_LABELS[availability]}</span>;
}

export function StabilityBadge({ stability }: { stability: number }) {
  return <span className={`badge badge--stability-${stability}`}>{stabilityName(stability)}</span>;
}
