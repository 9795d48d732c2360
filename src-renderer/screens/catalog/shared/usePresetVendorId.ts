import { useSearchParams } from 'react-router';

/** The vendor a new record starts with: `?vendorId=` from the vendor's page, or none (''). */
export function usePresetVendorId(): string {
  const [params] = useSearchParams();
  return params.get('vendorId') ?? '';
}
