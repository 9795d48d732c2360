/** An app's reported issues (the seed's AppIssues), newest first. */
import { and, desc, eq, sql } from 'drizzle-orm';
import { appIssues } from '../../../db/schema';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { countRows, pageOf, toPage } from '../catalog/common';
import type { Page } from '../catalog/types';
import { issueColumns, requireApp } from './apps';
import type { AppIssue } from './types';

export function listIssues(db: Db, input: ParsedInput<'app.issues'>): Page<AppIssue> {
  requireApp(db, input.appId);
  const where = and(
    eq(appIssues.appId, input.appId),
    input.severity ? sql`${appIssues.severity} = ${input.severity} COLLATE NOCASE` : undefined,
  );
  const { limit, offset } = pageOf(input);
  const items = db
    .select(issueColumns())
    .from(appIssues)
    .where(where)
    .orderBy(desc(appIssues.time), desc(appIssues.id))
    .limit(limit)
    .offset(offset)
    .all();
  return toPage(items, countRows(db, appIssues, where), input);
}
