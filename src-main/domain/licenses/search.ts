/**
 * The search box behind license.list and domain.list: which licenses (or domain
 * licenses) match the text. Each source is read through its own index, with the list's
 * filters applied as rows are read:
 *
 * - owner names: prefix ranges on the name and on its second word on (migration 0003);
 * - customers and their contacts: FTS5 over names and emails (migration 0004), then
 *   the licenses they own or bought;
 * - domains: prefix ranges on the domain and on its parent domain (0003);
 * - a license id, an app id (whole, or its first 8+ hex digits), an app key.
 *
 * A broad search stops once `cap` licenses are found (sources are read cheapest first)
 * and says it is incomplete; lists then count "at least" and sort within what was found.
 */
import type Database from 'better-sqlite3';
import { prefixEnd, type SearchTerms } from './search-terms';
import { statement } from '../../store/statements';

/** SQL conditions on the list's alias (`l` for licenses, `d` for domain licenses) and their parameters. */
export interface ListFilter {
  sql: string | null;
  params: Record<string, unknown>;
  /** Which filters are set (`state`, `skuId`, …): a sort may walk a better index for one. */
  keys: string[];
  /**
   * Reading the filtered rows through another table's index first: its FROM, and the
   * conditions to use with it (instead of `sql`, which a walk of the list's own index uses).
   */
  drive?: { from: string; sql: string };
  /** Each matching row costs a look-up in another table (a domain's license): count fewer. */
  probes?: boolean;
}

export interface Candidates {
  /** Distinct ids, at most `cap`. */
  ids: number[];
  /** False when some source had more matches than it read. */
  complete: boolean;
}

/** Customers (by name or email, or by a contact's name or email) to read licenses through. */
const CUSTOMER_CAP = 1000;

const OWNER_NAME = `licenses l INDEXED BY licenses_owner_name_nocase_idx WHERE l.owner_name COLLATE NOCASE >= @lo AND l.owner_name COLLATE NOCASE < @hi`;
const OWNER_REST = `licenses l INDEXED BY licenses_owner_rest_nocase_idx WHERE substr(l.owner_name, instr(l.owner_name, ' ') + 1) COLLATE NOCASE >= @lo AND substr(l.owner_name, instr(l.owner_name, ' ') + 1) COLLATE NOCASE < @hi`;
const DOMAIN_NAME = 'd.domain_name >= @lo AND d.domain_name < @hi';
const DOMAIN_PARENT = `substr(d.domain_name, instr(d.domain_name, '.') + 1) >= @lo AND substr(d.domain_name, instr(d.domain_name, '.') + 1) < @hi`;

class Collector {
  readonly found = new Set<number>();
  complete = true;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly cap: number,
  ) {}

  /**
   * Runs one source (its SQL ends with `LIMIT @cap`) for what is left of the cap, and
   * keeps what it found; one row more than it may keep says there were more.
   */
  add(sql: string, params: Record<string, unknown>): void {
    const room = this.cap - this.found.size;
    if (room <= 0) {
      this.complete = false;
      return;
    }
    const rows = statement(this.sqlite, sql).pluck().all({ ...params, cap: room + 1 }) as number[];
    if (rows.length > room) this.complete = false;
    for (const id of rows) {
      if (this.found.size >= this.cap) break;
      this.found.add(id);
    }
  }

  result(): Candidates {
    return { ids: [...this.found], complete: this.complete };
  }
}

const and = (filter: ListFilter) => (filter.sql ? ` AND ${filter.sql}` : '');
const range = (prefix: string) => ({ lo: prefix, hi: prefixEnd(prefix) });

/** Customers whose name or email, or a contact's email, has the words; `complete` false past CUSTOMER_CAP. */
export function matchingCustomers(sqlite: Database.Database, words: string): { ids: number[]; complete: boolean } {
  const read = (sql: string) => statement(sqlite, sql).pluck().all({ words, cap: CUSTOMER_CAP + 1 }) as number[];
  const direct = read('SELECT rowid FROM search_customers WHERE search_customers MATCH @words LIMIT @cap');
  const viaContacts = read(
    'SELECT u.customer_id FROM search_users f CROSS JOIN users u ON u.id = f.rowid WHERE search_users MATCH @words AND u.customer_id IS NOT NULL LIMIT @cap',
  );
  const complete = direct.length <= CUSTOMER_CAP && viaContacts.length <= CUSTOMER_CAP;
  return { ids: [...new Set([...direct.slice(0, CUSTOMER_CAP), ...viaContacts.slice(0, CUSTOMER_CAP)])], complete };
}

/** Licenses matching the text by owner, customer (name, email, contacts), domain, id, app id or app key. */
export function licenseCandidates(sqlite: Database.Database, terms: SearchTerms, filter: ListFilter, cap: number): Candidates {
  const c = new Collector(sqlite, cap);
  const where = and(filter);
  const p = filter.params;
  if (terms.licenseId !== null) {
    c.add(`SELECT l.id FROM licenses l WHERE l.id = @licenseId${where} LIMIT @cap`, { ...p, licenseId: terms.licenseId });
  }
  if (terms.guid !== null) {
    const viaApp = `SELECT al.license_id FROM app_licenses al CROSS JOIN licenses l ON l.id = al.license_id WHERE al.app_id = @guid${where} LIMIT @cap`;
    c.add(viaApp, { ...p, guid: terms.guid });
    const keyOf = statement(sqlite, 'SELECT app_id FROM app_keys WHERE id = ?').pluck().get(terms.guid) as string | undefined;
    if (keyOf !== undefined) c.add(viaApp, { ...p, guid: keyOf });
  }
  if (terms.guidPrefix !== null) {
    c.add(
      `SELECT al.license_id FROM app_licenses al CROSS JOIN licenses l ON l.id = al.license_id WHERE al.app_id >= @lo AND al.app_id < @hi${where} LIMIT @cap`,
      { ...p, ...range(terms.guidPrefix) },
    );
  }
  for (const owner of [OWNER_NAME, OWNER_REST]) c.add(`SELECT l.id FROM ${owner}${where} LIMIT @cap`, { ...p, ...range(terms.name) });
  if (terms.words !== null) {
    const customers = matchingCustomers(sqlite, terms.words);
    if (!customers.complete) c.complete = false;
    if (customers.ids.length) {
      c.add(
        `SELECT l.id FROM licenses l WHERE (l.owning_entity_id IN (SELECT value FROM json_each(@customers)) OR l.purchasing_entity_id IN (SELECT value FROM json_each(@customers)))${where} LIMIT @cap`,
        { ...p, customers: JSON.stringify(customers.ids) },
      );
    }
  }
  if (terms.domain !== null) {
    const join = filter.sql ? ' CROSS JOIN licenses l ON l.id = d.license_id' : '';
    for (const condition of [DOMAIN_NAME, DOMAIN_PARENT]) {
      c.add(`SELECT d.license_id FROM domain_licenses d${join} WHERE ${condition}${where} LIMIT @cap`, { ...p, ...range(terms.domain) });
    }
  }
  return c.result();
}

/** Domain licenses matching the text by domain name, license owner or license id. */
export function domainCandidates(sqlite: Database.Database, terms: SearchTerms, filter: ListFilter, cap: number): Candidates {
  const c = new Collector(sqlite, cap);
  const where = and(filter);
  const p = filter.params;
  if (terms.licenseId !== null) {
    c.add(`SELECT d.id FROM domain_licenses d WHERE d.license_id = @licenseId${where} LIMIT @cap`, { ...p, licenseId: terms.licenseId });
  }
  if (terms.domain !== null) {
    for (const condition of [DOMAIN_NAME, DOMAIN_PARENT]) {
      c.add(`SELECT d.id FROM domain_licenses d WHERE ${condition}${where} LIMIT @cap`, { ...p, ...range(terms.domain) });
    }
  }
  for (const owner of [OWNER_NAME, OWNER_REST]) {
    const [from, condition] = owner.split(' WHERE ');
    c.add(`SELECT d.id FROM ${from} CROSS JOIN domain_licenses d ON d.license_id = l.id WHERE ${condition}${where} LIMIT @cap`, { ...p, ...range(terms.name) });
  }
  return c.result();
}
