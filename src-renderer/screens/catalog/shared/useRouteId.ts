import { useParams } from 'react-router';

/** The numeric `:id` (or another param) of the current route; null when it is not a number. */
export function useRouteId(param = 'id'): number | null {
  const raw = useParams()[param];
  const id = raw ? Number(raw) : Number.NaN;
  return Number.isInteger(id) && id > 0 ? id : null;
}
