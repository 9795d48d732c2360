/**
 * Loads one API call and reloads it when its input changes. While a new input loads,
 * the previous data stays on screen (no flicker on sort or search); `loading` says so.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import { api, ApiError } from '../api/client';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload: () => void;
}

interface Settled<T> {
  key: string;
  data?: T;
  error?: ApiError | Error;
}

/** Pass `null` as input to wait (e.g. until a vendor is chosen). */
export function useApiQuery<M extends MethodName>(method: M, input: MethodInput<M> | null): QueryState<MethodOutput<M>> {
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled<MethodOutput<M>>>({ key: '' });
  // The input's text is its identity: callers may build a new object every render.
  const inputKey = input === null ? '' : JSON.stringify(input);
  const key = `${method}|${inputKey}|${version}`;

  useEffect(() => {
    if (inputKey === '') return;
    let current = true;
    api(method, JSON.parse(inputKey) as MethodInput<M>).then(
      (data: MethodOutput<M>) => current && setSettled({ key, data }),
      (error: unknown) =>
        current && setSettled({ key, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
  }, [method, inputKey, key]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return {
    data: settled.data,
    error: settled.key === key ? settled.error : undefined,
    loading: inputKey !== '' && settled.key !== key,
    reload,
  };
}
