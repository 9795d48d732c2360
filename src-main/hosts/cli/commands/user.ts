/** keyhub user list|add|show|edit|delete: the vendor's staff and customers' contact people. */
import { Command, Option } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { USER_ROLES, USER_SORT } from '../../../api/schemas';
import type { User, UserDetail, UserRow } from '../../../domain/people/types';
import { action } from '../action';
import { addFieldOptions, flagsByField, pickFields, type FieldOption } from '../field-options';
import { keyValues, listOutput, section, showDate, showYesNo, table, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { numberOrNone, positiveId } from '../parse';
import { choice } from '../people-parse';
import { recordCommands } from '../record-commands';

const FIELDS: FieldOption[] = [
  { field: 'name', flags: '--name <name>', description: 'full name' },
  { field: 'email', flags: '--email <email>', description: 'email, unique ignoring case' },
  { field: 'role', flags: '--role <role>', description: `${USER_ROLES.join(', ')} (default: staff, or viewer for a contact)`, parse: choice(USER_ROLES) },
  { field: 'customerId', flags: '--customer <id>', description: 'the customer this person is a contact of ("none": the vendor\'s staff)', parse: numberOrNone },
  { field: 'isActive', flags: '--active', description: 'may sign in and receive notifications (default)', negatable: true },
];
const FLAGS = flagsByField(FIELDS);

const COLUMNS: Column<UserRow>[] = [
  { header: 'id', value: (u) => u.id, align: 'right' },
  { header: 'name', value: (u) => u.name },
  { header: 'email', value: (u) => u.email },
  { header: 'role', value: (u) => u.role },
  { header: 'active', value: (u) => showYesNo(u.isActive) },
  { header: 'customer', value: (u) => (u.customerId === null ? 'staff' : `${u.customerName} (${u.customerId})`) },
  { header: 'rights', value: (u) => u.rightCount, align: 'right' },
];

export function userBlock(u: User | UserDetail): string {
  const head = keyValues([
    ['ID', u.id],
    ['Name', u.name],
    ['Email', u.email],
    ['Role', u.role],
    ['Active', showYesNo(u.isActive)],
    ['Customer', u.customerId === null ? "(vendor's staff)" : 'customerName' in u ? `${u.customerName} (${u.customerId})` : u.customerId],
    ['Created', showDate(u.createdAt)],
    ['Updated', showDate(u.updatedAt)],
  ]);
  if (!('rights' in u)) return head;
  const rights = u.rights.length
    ? table(
        [
          { header: 'grant', value: (g) => g.id, align: 'right' },
          { header: 'right', value: (g) => g.rightName },
          { header: 'on', value: (g) => `${g.objectType}:${g.objectId}` },
          { header: 'object', value: (g) => g.objectLabel },
        ],
        u.rights,
      )
    : '(none)';
  const support = u.supportContactFor.length
    ? table(
        [
          { header: 'license', value: (l) => l.licenseId, align: 'right' },
          { header: 'owner', value: (l) => l.ownerName },
          { header: 'sku', value: (l) => l.sku },
        ],
        u.supportContactFor,
      )
    : '(none)';
  const subscriptions = u.subscriptions.length
    ? table(
        [
          { header: 'app', value: (s) => s.appName },
          { header: 'app id', value: (s) => s.appId },
          { header: 'kind', value: (s) => s.kind },
        ],
        u.subscriptions,
      )
    : '(none)';
  return `${head}\n${section('Rights', rights)}\n${section('Support contact for', support)}\n${section('Notifications', subscriptions)}`;
}

type UserListOptions = ListOptions & { customer?: number; kind?: string };

export function userCommand(): Command {
  const user = new Command('user').description("the vendor's staff and customers' contact people");

  addListOptions(user.command('list').description('list users'), USER_SORT, false)
    .option('--customer <id>', "only this customer's contacts", positiveId)
    .addOption(new Option('--kind <kind>', "staff (the vendor's) or contact (customers')").choices(['staff', 'contact']))
    .action(
      action<UserListOptions>(async ({ opts, session }) => {
        const input = { ...listInput(opts), ...(opts.customer !== undefined && { customerId: opts.customer }), ...(opts.kind && { kind: opts.kind }) };
        const page = await session.call('user.list', input as MethodInput<'user.list'>);
        return { data: page, human: listOutput(page, COLUMNS, 'users', 'Add one: keyhub user add --name NAME --email EMAIL') };
      }),
    );

  addFieldOptions(user.command('add').description('add a staff member, or a contact with --customer'), FIELDS, ['name', 'email']).action(
    action<Record<string, unknown>>(async ({ opts, session }) => {
      const created = await session.call('user.create', pickFields(opts, FIELDS) as MethodInput<'user.create'>);
      return { data: created, human: `Created user ${created.id}.\n${userBlock(created)}` };
    }, FLAGS),
  );

  const records = recordCommands(user, 'user');
  records.show('show one user with the rights they hold, the licenses they support and their notifications', 'user.get', userBlock);
  records.edit('user.update', FIELDS, userBlock);
  records.delete('delete a user (their grants, support-contact places and notifications go too)', 'user.delete', 'their grants');

  return user;
}
