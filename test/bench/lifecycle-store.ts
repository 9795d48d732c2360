/**
 * A generated licensing store for the lifecycle bench: vendors, SKUs, customers with
 * emails and contacts, apps with keys, licenses over eight years in every state, and
 * about three domain licenses each (manual and automatic). Written with prepared
 * statements in big transactions through the real migrations (openStore), so every
 * trigger and index of a real store is in it. Deterministic (seeded), and cached under
 * the OS temp folder keyed by generator version, size and migrations, so a second run
 * starts at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, readJournal } from '../../src-main/store/open';
import { defaultMigrationsDir } from '../../src-main/store/paths';
import { addDays, DAY_MS } from '../../src-main/shared/time';

/** Bump when the generated data changes shape, so cached stores are rebuilt. */
const GENERATOR_VERSION = 1;
const CACHE_PREFIX = 'keyhub-bench-lifecycle-';

export interface StoreSize {
  licenses: number;
  customers: number;
  apps: number;
}

export const FULL_SIZE: StoreSize = { licenses: 1_000_000, customers: 200_000, apps: 100_000 };
export const QUICK_SIZE: StoreSize = { licenses: 20_000, customers: 4_000, apps: 2_000 };

export interface GeneratedStore {
  dataDir: string;
  /** The fixed "now" the data was generated around (dates spread before and after it). */
  now: string;
  /** Seconds spent generating, or null when the cached store was used. */
  generatedIn: number | null;
  licenses: number;
  domains: number;
}

const FIRST = ['Kathrin', 'Anna', 'Lukas', 'Jonas', 'Mia', 'Noah', 'Emma', 'Leon', 'Sofia', 'Elias', 'Lea', 'Paul', 'Marie', 'Ben', 'Hannah', 'Finn', 'Emilia', 'Felix', 'Lina', 'Max', 'Olivia', 'James', 'Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Arthur', 'Freya', 'Henry', 'Chloe', 'Jack', 'Grace', 'Thomas', 'Ella', 'William', 'Lily', 'Oscar', 'Evie', 'Leo', 'Zoe', 'Matteo', 'Giulia', 'Luca', 'Chiara', 'Hugo', 'Camille', 'Louis', 'Jade', 'Gabriel', 'Inès', 'Raphaël', 'Léa', 'Mateo', 'Lucía', 'Daniel', 'Paula', 'Pablo', 'Martina', 'Álvaro', 'Yuki', 'Haruto', 'Sakura', 'Ren', 'Aiko', 'Wei', 'Li', 'Priya', 'Arjun', 'Ananya', 'Rohan', 'Fatima', 'Omar', 'Layla', 'Yusuf', 'Ingrid', 'Lars', 'Sigrid', 'Erik', 'Astrid'];
const LAST = ['Fretz', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Wang', 'Zhang', 'Liu', 'Chen', 'Patel', 'Sharma', 'Singh', 'Kumar', 'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Nielsen', 'Berg', 'Lund', 'Novak', 'Horvat'];
const WORDS = ['acme', 'northwind', 'contoso', 'fabrikam', 'globex', 'initech', 'umbrella', 'stark', 'wayne', 'tyrell', 'cyberdyne', 'hooli', 'piedpiper', 'vandelay', 'wonka', 'oscorp', 'aperture', 'blackmesa', 'gringotts', 'monarch', 'photo', 'pixel', 'image', 'studio', 'media', 'print', 'shop', 'store', 'market', 'gallery', 'design', 'digital', 'cloud', 'web', 'net', 'data', 'labs', 'works', 'systems', 'solutions', 'alpine', 'harbor', 'summit', 'river', 'forest', 'meadow', 'falcon', 'orbit', 'nova', 'zenith'];
const SUFFIX = ['GmbH', 'AG', 'Ltd', 'Inc.', 'LLC', 'S.A.', 'SARL', 'BV', 'Oy', 'KK'];
const TLDS = ['com', 'com', 'com', 'net', 'org', 'de', 'ch', 'co.uk', 'fr', 'io', 'nl', 'jp'];
const MAIL = ['gmail.com', 'outlook.com', 'gmx.de', 'yahoo.com', 'icloud.com', 'proton.me'];
const SUBDOMAINS = ['shop', 'www2', 'images', 'cdn', 'static', 'blog', 'store', 'media', 'app', 'staging'];

/** mulberry32: a small seeded generator, so every run generates the same store. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]) => list[int(list.length)];
  const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');
  const guid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + int(4)).toString(16)}${hex(3)}-${hex(12)}`;
  return { next, int, pick, guid };
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * A license file of realistic size (~500 bytes). Not a real signature: the bench
 * measures finding and listing; signing is benched in signing.bench.ts.
 */
function fakeFile(kind: string, id: number, owner: string, sku: string, issued: string, expires: string | null, domain: string | null): Buffer {
  const lines = [
    '-----BEGIN KEYHUB LICENSE-----',
    'Format: 1',
    `Kind: ${kind}`,
    'Key-Id: 0123456789abcdef',
    `License-Id: ${id}`,
    'Vendor: Bench Vendor',
    `SKU: ${sku}`,
    `Owner: ${owner}`,
    ...(domain ? [`Domain: ${domain}`] : []),
    'Features: R3Elite, R3Performance, R3Creative',
    `Issued: ${issued}`,
    ...(expires ? [`Expires: ${expires}`, `Maintenance-Ends: ${expires}`] : []),
    'Grace-Days: 14',
    'Message: Generated for the KeyHub lifecycle benchmark.',
    `Signature: ${Buffer.alloc(64, id % 251).toString('base64')}`,
    '-----END KEYHUB LICENSE-----',
  ];
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

function cacheDir(size: StoreSize): string {
  const dir = defaultMigrationsDir();
  const journal = readJournal(dir)
    .entries.map((e) => readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8'))
    .join('\n');
  const key = createHash('sha256').update(`${GENERATOR_VERSION}|${JSON.stringify(size)}|${journal}`).digest('hex').slice(0, 12);
  return path.join(tmpdir(), `${CACHE_PREFIX}${size.licenses}-${key}`);
}

/** The fixed moment the data is generated around, so cached stores keep their meaning. */
export const GENERATED_NOW = '2026-11-22T12:00:00.000Z';

export function generatedStore(size: StoreSize, log: (line: string) => void = () => {}): GeneratedStore {
  const dataDir = cacheDir(size);
  const ready = path.join(dataDir, 'ready.json');
  if (existsSync(ready)) return { ...(JSON.parse(readFileSync(ready, 'utf8')) as Omit<GeneratedStore, 'generatedIn'>), generatedIn: null };
  // Stores of older generator versions or migrations of this size are rebuilt, not kept.
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith(`${CACHE_PREFIX}${size.licenses}-`)) rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
  }
  const started = performance.now();
  const counts = fill(dataDir, size, log);
  const result = { dataDir, now: GENERATED_NOW, ...counts };
  writeFileSync(ready, JSON.stringify(result));
  return { ...result, generatedIn: (performance.now() - started) / 1000 };
}

function fill(dataDir: string, size: StoreSize, log: (line: string) => void): { licenses: number; domains: number } {
  const store = openStore({ dataDir });
  const db = store.sqlite;
  // A cache, not a record: no fsync while filling.
  db.pragma('synchronous = OFF');
  const r = random(20261122);
  const now = Date.parse(GENERATED_NOW);
  const iso = (ms: number) => new Date(ms).toISOString();

  const skus: Array<{ id: number; code: string; duration: number | null; autoDays: number | null; manualDays: number | null }> = [];
  db.transaction(() => {
    const vendor = db.prepare('INSERT INTO vendors (name, country) VALUES (?, ?)');
    const sku = db.prepare(
      'INSERT INTO skus (vendor_id, sku, name, max_domains, license_duration, auto_domain_duration, manual_domain_duration, can_delete_manual_domains, release_date) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)',
    );
    for (let v = 1; v <= 5; v++) {
      const vendorId = Number(vendor.run(`Bench Vendor ${v}`, ['CH', 'US', 'DE', 'GB', 'JP'][v - 1]).lastInsertRowid);
      for (let s = 0; s < 8; s++) {
        const code = `${['R', 'IM', 'PX', 'CL', 'NV'][v - 1]}${s + 1}${['Std', 'Pro', 'Ent', 'Bundle'][s % 4]}`;
        const duration = s % 3 === 0 ? null : s % 3 === 1 ? 365 : 730;
        const autoDays = 30;
        const manualDays = s % 2 ? 365 : null;
        const id = Number(sku.run(vendorId, code, `${code} edition`, 10, duration, autoDays, manualDays, '2018-01-01T00:00:00.000Z').lastInsertRowid);
        skus.push({ id, code, duration, autoDays, manualDays });
      }
    }
  })();

  // Customers: organisations with a contact person, and people.
  const customerNames: string[] = [];
  db.transaction(() => {
    const customer = db.prepare('INSERT INTO customers (kind, name, email, country) VALUES (?, ?, ?, ?)');
    const contact = db.prepare("INSERT INTO users (name, email, role, customer_id) VALUES (?, ?, 'viewer', ?)");
    for (let c = 1; c <= size.customers; c++) {
      const first = r.pick(FIRST);
      const last = r.pick(LAST);
      if (c % 3 !== 0) {
        const word = r.pick(WORDS);
        const name = `${word[0].toUpperCase()}${word.slice(1)} ${r.pick(WORDS)} ${c} ${r.pick(SUFFIX)}`;
        const host = `${slug(name)}.${r.pick(TLDS)}`;
        const id = Number(customer.run('organization', name, `billing@${host}`, 'CH').lastInsertRowid);
        if (c % 2 === 0) contact.run(`${first} ${last}`, `${slug(first)}.${slug(last)}.${c}@${host}`, id);
        customerNames.push(name);
      } else {
        const name = `${first} ${last}`;
        customer.run('person', name, `${slug(first)}.${slug(last)}${c}@${r.pick(MAIL)}`, 'DE');
        customerNames.push(name);
      }
    }
  })();
  log(`  generated ${size.customers} customers`);

  const span = 8 * 365 * DAY_MS;
  const start = now - span;
  const insertLicense = db.prepare(
    'INSERT INTO licenses (id, sku_id, owner_name, purchasing_entity_id, owning_entity_id, issued, expires, status, status_reason, license_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertDomain = db.prepare(
    'INSERT INTO domain_licenses (license_id, domain_name, issued, expires, is_automatic, license_bytes) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let domains = 0;
  const batch = 50_000;
  for (let from = 1; from <= size.licenses; from += batch) {
    db.transaction(() => {
      for (let id = from; id < Math.min(from + batch, size.licenses + 1); id++) {
        const sku = r.pick(skus);
        // Issue dates grow with the id (as they do in a store), with some jitter.
        const issuedMs = start + Math.floor(((id - 1) / size.licenses) * span) + r.int(DAY_MS);
        const issued = iso(issuedMs);
        const expires = sku.duration === null ? null : addDays(issued, sku.duration + (r.next() < 0.3 ? 365 : 0));
        const owning = r.next() < 0.85 ? 1 + r.int(size.customers) : null;
        const purchasing = owning === null ? (r.next() < 0.5 ? 1 + r.int(size.customers) : null) : r.next() < 0.1 ? 1 + r.int(size.customers) : owning;
        const owner = owning !== null ? customerNames[owning - 1] : `${r.pick(FIRST)} ${r.pick(LAST)}`;
        const roll = r.next();
        const status = roll < 0.03 ? 'revoked' : roll < 0.05 ? 'suspended' : 'active';
        const reason = status === 'active' ? null : status === 'revoked' ? 'Refunded' : 'Payment overdue';
        insertLicense.run(id, sku.id, owner, purchasing, owning, issued, expires, status, reason, fakeFile('license', id, owner, sku.code, issued, expires, null));
        const valid = status === 'active' && (expires === null || expires > GENERATED_NOW);
        const base = slug(owner).slice(0, 20) || 'site';
        const count = r.int(7); // 0..6, three on average
        for (let k = 0; k < count; k++) {
          const automatic = r.next() < 0.4;
          const domain = k === 0 ? `${base}${id}.${r.pick(TLDS)}` : `${r.pick(SUBDOMAINS)}${k}.${base}${id}.${r.pick(TLDS)}`;
          let domainExpires: string | null;
          if (automatic) {
            // Automatic domains were renewed every 30 days while the license was valid.
            domainExpires = valid ? iso(now + (1 + r.int(30)) * DAY_MS) : addDays(issued, sku.autoDays ?? 30);
          } else {
            domainExpires = sku.manualDays === null ? expires : addDays(issued, sku.manualDays);
          }
          // A domain license never outlives its license.
          if (expires !== null && (domainExpires === null || domainExpires > expires)) domainExpires = expires;
          if (domainExpires !== null && domainExpires <= issued) domainExpires = null;
          insertDomain.run(id, domain, issued, domainExpires, automatic ? 1 : 0, fakeFile('domain', id, owner, sku.code, issued, domainExpires, domain));
          domains++;
        }
      }
    })();
    if ((from - 1) % 200_000 === 0) log(`  generated ${Math.min(from + batch - 1, size.licenses)} licenses`);
  }

  // Apps, each linked to one or two licenses, with one or two app keys.
  db.transaction(() => {
    const app = db.prepare('INSERT INTO apps (id, display_name) VALUES (?, ?)');
    const key = db.prepare('INSERT INTO app_keys (id, app_id) VALUES (?, ?)');
    const link = db.prepare('INSERT OR IGNORE INTO app_licenses (license_id, app_id) VALUES (?, ?)');
    for (let a = 1; a <= size.apps; a++) {
      const id = r.guid();
      app.run(id, `${r.pick(WORDS)} app ${a}`);
      key.run(r.guid(), id);
      if (a % 2) key.run(r.guid(), id);
      link.run(1 + r.int(size.licenses), id);
      if (a % 3 === 0) link.run(1 + r.int(size.licenses), id);
    }
  })();
  log(`  generated ${size.apps} apps`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return { licenses: size.licenses, domains };
}
