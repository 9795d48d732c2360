/** Handlers of the audit log, the dashboard and CSV export. */
import type { AreaHandlers } from '../dispatch';
import type { insightMethods } from '../methods/insight';
import { dashboardSummary } from '../../domain/insight/dashboard';
import { exportCsv } from './export-csv';
import { auditFacets, listAudit } from '../../domain/insight/audit-log';

export const insightHandlers: AreaHandlers<typeof insightMethods> = {
  'audit.list': (ctx, input) => listAudit(ctx.store.db, input),
  'audit.facets': (ctx) => auditFacets(ctx.store.db),
  'dashboard.summary': (ctx, input) => dashboardSummary(ctx.store.sqlite, input),
  'export.csv': (ctx, input) => exportCsv(ctx, input),
};
