import { useApiQuery } from '../../../hooks/useApiQuery';

/** Every vendor as a select option (a catalog has tens of vendors, not thousands). */
export function useVendorOptions() {
  const vendors = useApiQuery('vendor.list', { sort: 'name', dir: 'asc', limit: 500 });
  const options = (vendors.data?.items ?? []).map((v) => ({ value: String(v.id), label: v.name }));
  return { options, loading: vendors.data === undefined && !vendors.error, error: vendors.error };
}
