/** Looking across the store: the audit log, the dashboard, CSV export of any list. */
import * as s from '../schemas';
import type { Page } from '../../domain/catalog/types';
import type { AuditFacets, AuditRow, CsvExport, DashboardSummary } from '../../domain/insight/types';
import { query } from './define';

export const insightMethods = {
  'audit.list': query<typeof s.auditList, Page<AuditRow>>(s.auditList),
  'audit.facets': query<typeof s.empty, AuditFacets>(s.empty),
  'dashboard.summary': query<typeof s.dashboardSummary, DashboardSummary>(s.dashboardSummary),
  'export.csv': query<typeof s.exportCsv, CsvExport>(s.exportCsv),
} as const;

