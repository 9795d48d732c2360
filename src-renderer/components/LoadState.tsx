import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { EmptyState } from './EmptyState';

interface LoadStateProps<T> {
  data: T | undefined;
  error: Error | undefined;
  /** What the thing is, for messages: "vendor". */
  what: string;
  onRetry: () => void;
  children: (data: T) => ReactNode;
}

/** Shows a loading line, a clear error with Retry, or the loaded content. */
export function LoadState<T>({ data, error, what, onRetry, children }: LoadStateProps<T>) {
  if (error) {
    const notFound = error instanceof ApiError && error.code === 'NOT_FOUND';
    return (
      <EmptyState
        title={notFound ? `This ${what} does not exist (any more).` : `The ${what} could not be loaded.`}
        action={
          !notFound && (
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          )
        }
      >
        <p>{error.message}</p>
      </EmptyState>
    );
  }
  if (data === undefined) return <p className="loading" aria-busy="true">Loading {what}…</p>;
  return <>{children(data)}</>;
}
