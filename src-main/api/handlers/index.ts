/** The handler for every contract method, one map an area. Hosts call these only through `invoke`. */
import type { Handlers } from '../dispatch';
import { appInfo } from '../app-info';
import { catalogHandlers } from './catalog';
import { keyHandlers } from './keys';
import { licenseHandlers } from './licenses';
import { peopleHandlers } from './people';
import { appHandlers } from './apps';
import { insightHandlers } from './insight';
import { salesHandlers } from './sales';
import { syncHandlers } from './sync';

export const handlers: Handlers = {
  'system.info': (ctx) => appInfo(ctx),
  ...catalogHandlers,
  ...keyHandlers,
  ...licenseHandlers,
  ...peopleHandlers,
  ...appHandlers,
  ...insightHandlers,
  ...salesHandlers,
  ...syncHandlers,
};
