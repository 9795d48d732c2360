/** The handler for every contract method, one map an area. Hosts call these only through `invoke`. */
import type { Handlers } from '../dispatch';
import { appInfo } from '../app-info';
import { catalogHandlers } from './catalog';
import { keyHandlers } from './keys';

export const handlers: Handlers = {
  'system.info': (ctx) => appInfo(ctx),
  ...catalogHandlers,
  ...keyHandlers,
};
