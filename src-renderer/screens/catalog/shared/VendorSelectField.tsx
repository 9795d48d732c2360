import { SelectField } from '../../../forms/fields';
import type { FieldErrors } from '../../../forms/useApiForm';
import type { VendorOptions } from './useVendorOptions';

interface VendorSelectFieldProps {
  vendors: VendorOptions;
  value: string;
  onChange: (vendorId: string) => void;
  autoFocus?: boolean;
  error?: string;
}

/** The vendor of a new SKU, feature code or package (it cannot change afterwards). */
export function VendorSelectField({ vendors, value, onChange, autoFocus, error }: VendorSelectFieldProps) {
  const placeholder = vendors.loading
    ? 'Loading vendors…'
    : vendors.options.length
      ? 'Choose a vendor…'
      : 'No vendors yet: add one first';
  return (
    <SelectField
      name="vendorId"
      label="Vendor"
      required
      autoFocus={autoFocus}
      value={value}
      onChange={onChange}
      options={vendors.options}
      placeholder={placeholder}
      error={error ?? vendors.error?.message}
    />
  );
}

/** A form's check that a new record has its vendor; `message` says what the vendor is for. */
export function requireVendor(message: string) {
  return (values: { vendorId: string }): FieldErrors => (Number(values.vendorId) ? {} : { vendorId: message });
}
