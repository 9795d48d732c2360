/** keyhub customer list|add|show|edit|delete */
import { Command, Option } from 'commander';
import type { MethodInput } from '../../../api/contract';
import { CUSTOMER_KINDS, CUSTOMER_SORT } from '../../../api/schemas';
import type { Customer, CustomerDetail, CustomerRow } from '../../../domain/people/types';
import { action } from '../action';
import { addFieldOptions, flagsByField, pickFields, type FieldOption } from '../field-options';
import { keyValues, listOutput, section, showDate, table, type Column } from '../format';
import { addListOptions, listInput, type ListOptions } from '../list-options';
import { choice } from '../people-parse';
import { recordCommands } from '../record-commands';

const FIELDS: FieldOption[] = [
  { field: 'kind', flags: '--kind <kind>', description: `${CUSTOMER_KINDS.join(' or ')} (default organization)`, parse: choice(CUSTOMER_KINDS) },
  { field: 'name', flags: '--name <name>', description: 'organisation or person name' },
  { field: 'email', flags: '--email <email>', description: 'billing or main email ("" clears)' },
  { field: 'phone', flags: '--phone <text>', description: 'phone ("" clears)' },
  { field: 'street', flags: '--street <text>', description: 'street address ("" clears)' },
  { field: 'city', flags: '--city <text>', description: 'city ("" clears)' },
  { field: 'region', flags: '--region <text>', description: 'state, province or region ("" clears)' },
  { field: 'postal', flags: '--postal <code>', description: 'postal code ("" clears)' },
  { field: 'country', flags: '--country <text>', description: 'country ("" clears)' },
  { field: 'notes', flags: '--notes <text>', description: 'notes for the staff ("" clears)' },
];
const FLAGS = flagsByField(FIELDS);

const COLUMNS: Column<CustomerRow>[] = [
  { header: 'id', value: (c) => c.id, align: 'right' },
  { header: 'name', value: (c) => c.name },
  { header: 'kind', value: (c) => c.kind },
  { header: 'email', value: (c) => c.email },
  { header: 'country', value: (c) => c.country },
  { header: 'licenses', value: (c) => c.licenseCount, align: 'right' },
  { header: 'contacts', value: (c) => c.contactCount, align: 'right' },
];

export function customerBlock(c: Customer | CustomerDetail): string {
  const cityLine = [c.city, c.region, c.postal].filter(Boolean).join(', ');
  const head = keyValues([
    ['ID', c.id],
    ['Name', c.name],
    ['Kind', c.kind],
    ['Email', c.email],
    ['Phone', c.phone],
    ['Address', [c.street, cityLine, c.country].filter(Boolean).join('; ')],
    ['Notes', c.notes],
    ...('licenseCount' in c ? ([['Licenses', c.licenseCount]] as [string, number][]) : []),
    ['Created', showDate(c.createdAt)],
    ['Updated', showDate(c.updatedAt)],
  ]);
  if (!('contacts' in c)) return head;
  const contacts = c.contacts.length
    ? table(
        [
          { header: 'id', value: (u) => u.id, align: 'right' },
          { header: 'name', value: (u) => u.name },
          { header: 'email', value: (u) => u.email },
          { header: 'role', value: (u) => u.role },
        ],
        c.contacts,
      )
    : `(none; add one: keyhub user add --customer ${c.id} --name N --email E)`;
  const providers = c.providerIds.length
    ? table([{ header: 'provider', value: (p) => p.provider }, { header: 'customer id', value: (p) => p.providerCustomerId }], c.providerIds)
    : '(none)';
  return `${head}\n${section('Contacts', contacts)}\n${section('Payment provider ids', providers)}`;
}

type CustomerListOptions = ListOptions & { kind?: string };

export function customerCommand(): Command {
  const customer = new Command('customer').description('the organisations and people who buy and own licenses');

  addListOptions(customer.command('list').description('list customers'), CUSTOMER_SORT, false)
    .addOption(new Option('--kind <kind>', 'only organisations or only people').choices(CUSTOMER_KINDS))
    .action(
      action<CustomerListOptions>(async ({ opts, session }) => {
        const input = { ...listInput(opts), ...(opts.kind && { kind: opts.kind }) };
        const page = await session.call('customer.list', input as MethodInput<'customer.list'>);
        return { data: page, human: listOutput(page, COLUMNS, 'customers', 'Add one: keyhub customer add --name NAME') };
      }),
    );

  addFieldOptions(customer.command('add').description('add a customer'), FIELDS, ['name']).action(
    action<Record<string, unknown>>(async ({ opts, session }) => {
      const created = await session.call('customer.create', pickFields(opts, FIELDS) as MethodInput<'customer.create'>);
      return { data: created, human: `Created customer ${created.id}.\n${customerBlock(created)}` };
    }, FLAGS),
  );

  const records = recordCommands(customer, 'customer');
  records.show('show one customer with its contacts and payment provider ids', 'customer.get', customerBlock);
  records.edit('customer.update', FIELDS, customerBlock);
  records.delete('delete a customer that owns and bought no licenses (its contacts go with it)', 'customer.delete', 'its contacts');

  return customer;
}
