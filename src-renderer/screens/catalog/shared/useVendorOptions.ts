import { useWholeList } from '../../../hooks/useApiQuery';

export interface VendorOptions {
  options: { value: string; label: string }[];
  loading: boolean;
  error: Error | undefined;
}

/** Every vendor as a select option, however many there are; `wanted` false loads nothing (an edit form). */
export function useVendorOptions(wanted = true): VendorOptions {
  const vendors = useWholeList('vendor.list', wanted ? { sort: 'name', dir: 'asc' } : null);
  const options = (vendors.data ?? []).map((v) => ({ value: String(v.id), label: v.name }));
  return { options, loading: wanted && vendors.data === undefined && !vendors.error, error: vendors.error };
}
