/** keyhub right list|add|delete|grant|revoke: who may act on which license, app, customer, SKU, vendor or package. */
import { Command } from 'commander';
import type { ObjectRight, Right } from '../../../domain/people/types';
import { action } from '../action';
import { keyValues, table, type Column } from '../format';
import { positiveId } from '../parse';
import { objectRef, resolveRight, resolveUser, type ObjectRef } from '../people-parse';
import { recordCommands } from '../record-commands';

const RIGHT_COLUMNS: Column<Right>[] = [
  { header: 'id', value: (r) => r.id, align: 'right' },
  { header: 'name', value: (r) => r.name },
  { header: 'grants', value: (r) => r.grantCount, align: 'right' },
];

const GRANT_COLUMNS: Column<ObjectRight>[] = [
  { header: 'grant', value: (g) => g.id, align: 'right' },
  { header: 'right', value: (g) => g.rightName },
  { header: 'user', value: (g) => `${g.userName} (${g.userId})` },
  { header: 'email', value: (g) => g.userEmail },
];

function grantBlock(g: ObjectRight): string {
  return keyValues([
    ['Grant', g.id],
    ['User', `${g.userName} <${g.userEmail}> (${g.userId})`],
    ['Right', `${g.rightName} (${g.rightId})`],
    ['On', `${g.objectLabel} (${g.objectType}:${g.objectId})`],
  ]);
}

const GRANT_FLAGS = { userId: '--user', rightId: '--right', objectId: '--object', objectType: '--object' };

export function rightCommand(): Command {
  const right = new Command('right').description('rights, and who holds them on which object');

  right
    .command('list')
    .description('list the rights; with --object, who holds which right on that object')
    .option('--object <type:id>', 'an object: license:12, app:GUID, customer:4, sku:3, vendor:1, package:2', objectRef)
    .action(
      action<{ object?: ObjectRef }>(async ({ opts, session }) => {
        if (opts.object) {
          const grants = await session.call('right.forObject', opts.object);
          const where = `${opts.object.objectType}:${opts.object.objectId}`;
          return { data: grants, human: grants.length ? table(GRANT_COLUMNS, grants) : `Nobody holds a right on ${where}.` };
        }
        const rights = await session.call('right.list', {});
        return { data: rights, human: rights.length ? table(RIGHT_COLUMNS, rights) : 'No rights. Add one: keyhub right add --name NAME' };
      }),
    );

  right
    .command('add')
    .description('add a right (names are unique, ignoring case)')
    .requiredOption('--name <name>', 'what holding it allows, e.g. "Manage domains"')
    .action(
      action<{ name: string }>(async ({ opts, session }) => {
        const created = await session.call('right.create', { name: opts.name });
        return { data: created, human: `Created right ${created.id} (${created.name}).` };
      }, { name: '--name' }),
    );

  recordCommands(right, 'right').delete('delete a right nobody holds', 'right.delete');

  right
    .command('grant')
    .description('give a user a right on an object')
    .requiredOption('--user <id|email>', 'the user, by id or email')
    .requiredOption('--right <id|name>', 'the right, by id or name')
    .requiredOption('--object <type:id>', 'license:12, app:GUID, customer:4, sku:3, vendor:1 or package:2', objectRef)
    .action(
      action<{ user: string; right: string; object: ObjectRef }>(async ({ opts, session }) => {
        const userId = await resolveUser(session, opts.user);
        const rightId = await resolveRight(session, opts.right);
        const grant = await session.call('right.grant', { userId, rightId, ...opts.object });
        return { data: grant, human: `Granted (grant ${grant.id}).\n${grantBlock(grant)}` };
      }, GRANT_FLAGS),
    );

  right
    .command('revoke')
    .description('take back one grant (its id: keyhub right list --object TYPE:ID, or keyhub user show ID)')
    .argument('<grant>', 'grant id', positiveId)
    .action(
      action(async ({ args, session }) => {
        const id = args[0] as number;
        const revoked = await session.call('right.revoke', { id });
        return { data: revoked, human: `Revoked grant ${id}.` };
      }),
    );

  return right;
}
