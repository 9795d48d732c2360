/** Customers as a RecordPicker holds them: the id as text, the name as label. */
import type { PickedRecord } from '../../components/RecordPicker';

export function pickedCustomer(id: number | null | undefined, name: string | null | undefined): PickedRecord | null {
  return id ? { value: String(id), label: name ?? `Customer ${id}` } : null;
}

export function customerIdOf(picked: PickedRecord | null): number | null {
  return picked ? Number(picked.value) : null;
}
