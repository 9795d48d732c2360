/**
 * Loads one API call and loads it again when its input changes. `data` is only ever
 * the answer to the input asked for now: a screen reused for another record (SKU 3,
 * then SKU 4) must not show the old record as the new one. Lists that want to keep
 * the previous page on screen while the next loads (no flicker) ask for `lastData`.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import type { Page } from '../../src-main/domain/catalog/types';
import { api, ApiError } from '../api/client';

export interface QueryState<T> {
  /** The answer for the current input; undefined while it loads or when it failed. */
  data: T | undefined;
  /** The newest answer for any input so far: for keeping a list on screen while it reloads. */
  lastData: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload: () => void;
}

interface Settled<T> {
  /** Which input (method and input text) this answers. */
  key: string;
  version: number;
  data?: T;
  error?: ApiError | Error;
}

type Loader<M extends MethodName, I, T> = (method: M, input: I) => Promise<T>;

/**
 * The engine under both hooks below. `load` must be a module-level function: the
 * effect runs again for a new method, input or reload, not for a new closure.
 */
function useLoaded<M extends MethodName, I, T>(method: M, input: I | null, load: Loader<M, I, T>): QueryState<T> {
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>({ key: '', version: -1 });
  // The input's text is its identity: callers may build a new object every render.
  const inputJson = input === null ? null : JSON.stringify(input);
  const key = inputJson === null ? '' : `${method}|${inputJson}`;

  useEffect(() => {
    if (inputJson === null) return;
    let current = true;
    load(method, JSON.parse(inputJson) as I).then(
      (data) => current && setSettled({ key, version, data }),
      (error: unknown) =>
        current && setSettled({ key, version, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
  }, [load, method, inputJson, key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const answersInput = key !== '' && settled.key === key;
  const upToDate = answersInput && settled.version === version;
  return {
    // A reload keeps showing the data it refreshes: same input, same record.
    data: answersInput ? settled.data : undefined,
    lastData: settled.data,
    error: upToDate ? settled.error : undefined,
    loading: key !== '' && !upToDate,
    reload,
  };
}

/** Pass `null` as input to wait (e.g. until a vendor is chosen). */
export function useApiQuery<M extends MethodName>(method: M, input: MethodInput<M> | null): QueryState<MethodOutput<M>> {
  return useLoaded(method, input, api);
}

/** The list methods: those that answer with a page of rows. */
export type ListMethod = {
  [M in MethodName]: MethodOutput<M> extends Page<unknown> ? M : never;
}[MethodName];

export type ListItem<M extends ListMethod> = MethodOutput<M> extends Page<infer T> ? T : never;

/** A list call's filters and sort, without the paging (which is the hook's job). */
export type WholeListInput<M extends ListMethod> = Omit<MethodInput<M>, 'limit' | 'offset'>;

/** The largest page the API gives (listQuery's `limit` max). */
const LARGEST_PAGE = 500;

async function loadEveryPage<M extends ListMethod>(method: M, input: WholeListInput<M>): Promise<ListItem<M>[]> {
  const items: ListItem<M>[] = [];
  for (;;) {
    const pageInput = { ...input, limit: LARGEST_PAGE, offset: items.length } as MethodInput<M>;
    const page = (await api(method, pageInput)) as Page<ListItem<M>>;
    items.push(...page.items);
    // Rows deleted meanwhile can make a page come back short: stop rather than loop.
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

/**
 * Every row of a list, however many pages it takes: pickers must offer every vendor,
 * feature code or SKU, not silently the first 500.
 */
export function useWholeList<M extends ListMethod>(method: M, input: WholeListInput<M> | null): QueryState<ListItem<M>[]> {
  return useLoaded(method, input, loadEveryPage);
}
