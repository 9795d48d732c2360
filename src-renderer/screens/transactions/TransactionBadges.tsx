import type { PaymentStatus } from '../../../src-main/domain/sales/types';
import { PAYMENT_STATUS_LABELS } from './transactionWords';

/** Where a payment stands: pending, paid, refunded in part or whole, reversed… */
export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return <span className={`badge badge--payment-${status}`}>{PAYMENT_STATUS_LABELS[status]}</span>;
}
