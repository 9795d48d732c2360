import type { ReactNode } from 'react';

/** The row above a list: search on the left, filters beside it. */
export function ListToolbar({ children }: { children: ReactNode }) {
  return <div className="list-toolbar">{children}</div>;
}
