/**
 * Loads the record the route names (`/catalog/skus/:id/…`) and shows it, or the right
 * loading, missing or failed state. Its content starts afresh for each record: React
 * reuses a route's screen from SKU 3 to SKU 4, and a form must not keep SKU 3's values.
 */
import { Fragment, type ReactNode } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../../src-main/api/contract';
import { LoadState } from '../../../components/LoadState';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { NotFoundScreen } from '../../NotFoundScreen';
import { useRouteId } from './useRouteId';

/** The methods that fetch one record by its id. */
type GetMethod = Extract<MethodName, `${string}.get`>;

interface RouteRecordProps<M extends GetMethod> {
  method: M;
  /** What the record is, for messages: "vendor". */
  what: string;
  /** The route parameter that holds the id. */
  param?: string;
  children: (record: MethodOutput<M>, reload: () => void) => ReactNode;
}

export function RouteRecord<M extends GetMethod>({ method, what, param = 'id', children }: RouteRecordProps<M>) {
  const id = useRouteId(param);
  // Every `.get` method takes `{ id }`; TypeScript cannot see that through the generic.
  const record = useApiQuery(method, id ? ({ id } as MethodInput<M>) : null);
  if (!id) return <NotFoundScreen />;
  return (
    <LoadState data={record.data} error={record.error} what={what} onRetry={record.reload}>
      {(loaded) => <Fragment key={id}>{children(loaded, record.reload)}</Fragment>}
    </LoadState>
  );
}
