/** keyhub demo (fresh folder only) and keyhub serve (the browser host, until Ctrl-C). */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, SkuRow } from '../../src-main/domain/catalog/types';
import { BIN, ROOT, keyhub, keyhubJson, removeDir, tempDataDir } from './support';

let dataDir: string;
beforeAll(() => {
  dataDir = tempDataDir();
});
afterAll(() => removeDir(dataDir));

describe('keyhub demo', () => {
  it('fills a fresh folder with a living sample catalog, licensing books, a year of PayPal sales and a Stripe account, and names the demo passphrase', async () => {
    const { code, stdout } = await keyhub(['demo'], { dataDir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Loaded the demo data into .+:\n\s+3 vendors, 11 SKUs, 16 feature codes, 4 packages, 14 releases\.\n\s+6 customers \(\d+ contacts\), 8 signed licenses with \d+ domains, 2 apps/);
    expect(stdout).toContain(
      '17 PayPal purchases over the last 12 months in USD and EUR (9 new customers): 18 licenses issued, 1 revoked by a refund; 1 payment pending, 1 partial refund waiting for a decision, 1 item waiting for a SKU mapping.',
    );
    expect(stdout).toContain(
      '8 Stripe purchases and 5 subscriptions (2 active, 1 trialing, 1 past due, 1 canceled), as if synced from Stripe (6 new customers): 15 licenses issued, 1 revoked by a refund, 1 price waiting for a SKU mapping. Stripe itself is not connected.',
    );
    expect(stdout).toContain('locked with the passphrase "keyhub demo passphrase"');

    const skus = await keyhubJson<Page<SkuRow>>(['sku', 'list', '--limit', '500'], { dataDir });
    const states = skus.json.items.map((s) => s.availability);
    expect(states).toContain('retired');
    expect(states).toContain('upcoming');
    expect(states).toContain('on_sale');
    expect(skus.json.items.map((s) => s.sku)).toEqual(expect.arrayContaining(['R3Bundle1Ent', 'R3Elite', 'R4Performance']));
    expect(skus.json.items.every((s) => s.featureCount > 0)).toBe(true);
  });

  it('refuses a folder that already has vendors (exit 1), and says how to proceed', async () => {
    const { code, stderr } = await keyhub(['demo'], { dataDir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^keyhub: This data folder already holds 3 vendors, so the demo catalog was not loaded\..*--force/);
    const { json } = await keyhubJson(['demo'], { dataDir });
    expect(json).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { vendorCount: 3 } } });
  });

  it('--force loads beside an unrelated catalog', async () => {
    const other = tempDataDir();
    try {
      await keyhub(['vendor', 'add', '--name', 'Someone Else'], { dataDir: other });
      const { code, json } = await keyhubJson<{ vendors: number }>(['demo', '--force'], { dataDir: other });
      expect(code).toBe(0);
      expect(json).toMatchObject({ dataDir: other, vendors: 3, skus: 11 });
    } finally {
      removeDir(other);
    }
  });
});

describe('keyhub serve', () => {
  it('prints its URL with the token, serves the API, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--data', dataDir, '--port', '0', '--json'], {
      cwd: ROOT,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [firstLine] = await Promise.race([
        once(createInterface({ input: child.stdout }), 'line') as Promise<[string]>,
        once(child, 'exit').then(([code]) => Promise.reject(new Error(`serve exited early with ${String(code)}`))),
      ]);
      const started = JSON.parse(firstLine) as { url: string; origin: string; token: string; dataDir: string };
      expect(started.url).toBe(`${started.origin}/#token=${started.token}`);
      expect(started.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(started.dataDir).toBe(dataDir);

      const response = await fetch(`${started.origin}/api/vendor.list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-keyhub-token': started.token },
        body: '{}',
      });
      expect(await response.json()).toMatchObject({ ok: true, data: { total: 3 } });

      child.kill('SIGINT');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
