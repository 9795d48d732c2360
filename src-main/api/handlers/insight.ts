/** Handlers of the audit log, the dashboard and CSV export. */
import type { AreaHandlers } from '../dispatch';
import type { insightMethods } from '../methods/insight';
import { notBuilt } from './not-built';

export const insightHandlers: AreaHandlers<typeof insightMethods> = {
  'audit.list': notBuilt('audit.list'),
  'audit.facets': notBuilt('audit.facets'),
  'dashboard.summary': notBuilt('dashboard.summary'),
  'export.csv': notBuilt('export.csv'),
};
