/** The seed's Rights: the named things a user may do on an object ("View", "Manage domains", …). */
import { eq, sql } from 'drizzle-orm';
import { rights } from '../../../db/schema';
import { KeyHubError, notFound } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { recordAudit } from '../audit/audit';
import { assertUnique, countCorrelated } from '../catalog/common';
import type { Deleted } from '../catalog/types';
import type { Right } from './types';

const rightColumns = {
  id: rights.id,
  name: rights.name,
  grantCount: countCorrelated('user_object_rights', 'user_object_rights.right_id', 'rights.id'),
};

export function listRights(db: Db): Right[] {
  return db.select(rightColumns).from(rights).orderBy(sql`${rights.name} COLLATE NOCASE`, rights.id).all();
}

function rightById(db: Db, id: number): Right | undefined {
  return db.select(rightColumns).from(rights).where(eq(rights.id, id)).get();
}

/** Names are unique ignoring case: "view" beside "View" would be two rights people cannot tell apart. */
export function createRight(db: Db, actor: string, input: ParsedInput<'right.create'>): Right {
  return db.transaction((tx) => {
    assertUnique(tx, rights, {
      idColumn: rights.id,
      column: rights.name,
      value: input.name,
      field: 'name',
      message: `A right named "${input.name}" already exists.`,
    });
    const { id } = tx.insert(rights).values({ name: input.name }).returning({ id: rights.id }).get();
    recordAudit(tx, { actor, targetType: 'right', targetId: id, action: 'right.create', details: { name: input.name } });
    return rightById(tx, id)!;
  });
}

/** Refused while anyone holds the right: revoke those grants first, so nobody loses access unseen. */
export function deleteRight(db: Db, actor: string, id: number): Deleted {
  return db.transaction((tx) => {
    const right = rightById(tx, id);
    if (!right) throw notFound('Right', id);
    if (right.grantCount > 0) {
      throw new KeyHubError(
        'IN_USE',
        `"${right.name}" is held in ${right.grantCount} grant${right.grantCount === 1 ? '' : 's'}. Revoke ${right.grantCount === 1 ? 'it' : 'them'} first; a right that someone holds cannot be deleted.`,
        { grantCount: right.grantCount },
      );
    }
    tx.delete(rights).where(eq(rights.id, id)).run();
    recordAudit(tx, { actor, targetType: 'right', targetId: id, action: 'right.delete', details: { name: right.name } });
    return { id, deleted: true as const };
  });
}
