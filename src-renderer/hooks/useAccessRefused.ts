import { useSyncExternalStore } from 'react';
import { accessRefused, subscribeToAccess } from '../api/access';

/** True once the browser host has refused this page's token, from any call. */
export function useAccessRefused(): boolean {
  return useSyncExternalStore(subscribeToAccess, accessRefused);
}
