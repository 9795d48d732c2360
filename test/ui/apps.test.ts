/**
 * Apps in Chromium: one added with a license picked by search; its GUID copied; keys
 * created, copied and deleted; the last license refused to unlink (the app would be
 * orphaned) until another is linked; a JSON-lines report imported with a bad line
 * listed and the good ones shown as issues and a stats chart; a user subscribed and
 * unsubscribed; a right granted on the app; the app deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, openKeyHub, type UiSession } from '../support/browser';
import { setUpLicensing, type Licensing } from './people-apps-setup';

/** An hour ago, on the hour: inside the default period (the last 30 days) and the last 48 hours. */
const hourAgo = () => {
  const d = new Date(Date.now() - 3600_000);
  d.setUTCMinutes(0, 0, 0);
  return d.toISOString();
};

describe.skipIf(chromiumSkipReason !== null)('apps through the UI', () => {
  let s: UiSession;
  let licensing: Licensing;
  let first: number;
  let second: number;
  let appId: string;

  beforeAll(async () => {
    s = await openKeyHub();
    licensing = await setUpLicensing(s);
    first = await licensing.issue('Kathrin Fretz');
    second = await licensing.issue('Northwind Traders');
  });

  afterAll(async () => {
    await s?.close();
  });

  const nav = () => s.page.getByRole('navigation', { name: 'Areas' });
  const app = () => s.call('app.get', { id: appId });

  it('adds an app: a name and at least one license, picked by searching', async () => {
    const { page } = s;
    await nav().getByRole('link', { name: 'Apps' }).click();
    await page.getByRole('heading', { level: 1, name: 'Apps' }).waitFor();
    await page.getByText('No apps yet.').waitFor();
    await page.getByRole('link', { name: 'Add your first app' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an app' }).waitFor();

    await page.getByLabel('Display name').fill('Shop site');
    await page.getByLabel('Display name').press('Enter');
    // No license yet: refused before anything is sent, under the picker.
    await page.getByText('Choose at least one license for the app.').waitFor();
    expect((await s.call('app.list', {})).total).toBe(0);

    const picker = page.getByRole('combobox', { name: 'Add a license' });
    await picker.fill('Kathrin');
    await page.getByRole('option', { name: new RegExp(`License ${first} · Kathrin Fretz`) }).click();
    const chosen = page.getByRole('list', { name: 'Chosen licenses' });
    await chosen.getByText(`License ${first} · Kathrin Fretz`).waitFor();
    await page.getByRole('button', { name: 'Add app' }).click();

    await page.getByRole('heading', { level: 1, name: 'Shop site' }).waitFor();
    await page.getByText('App “Shop site” added.').waitFor();
    const [row] = (await s.call('app.list', {})).items;
    appId = row.id;
    expect(appId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await app()).licenses.map((l) => l.id)).toEqual([first]);
    expect(page.url()).toContain(`#/apps/${appId}`);
  });

  it('shows the app id and copies it', async () => {
    const { page } = s;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.host.origin });
    await page.getByRole('button', { name: 'Copy the app id' }).click();
    await page.getByText('Copied the app id.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(appId);
  });

  it('creates, copies and deletes app keys (never edits them)', async () => {
    const { page } = s;
    const keys = page.getByRole('region', { name: 'App keys' });
    await keys.getByText('No app keys yet.').waitFor();
    await keys.getByRole('button', { name: 'Create key' }).click();
    await expect.poll(async () => (await app()).keys.length).toBe(1);
    const [key] = (await app()).keys;
    const row = keys.getByRole('row', { name: new RegExp(key.id) });
    await row.waitFor();
    expect(await row.getByRole('textbox').count()).toBe(0);

    await row.getByRole('button', { name: `Copy the app key ${key.id}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(key.id);

    await row.getByRole('button', { name: `Delete app key ${key.id}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Delete app key “${key.id}”?` });
    await confirm.getByText('The app can no longer present this key.').waitFor();
    await confirm.getByRole('button', { name: 'Delete app key' }).click();
    await keys.getByText('No app keys yet.').waitFor();
    expect((await app()).keys).toEqual([]);
  });

  it('refuses to unlink the last license, saying the app would be orphaned; links another, then unlinks', async () => {
    const { page } = s;
    const licenses = page.getByRole('region', { name: 'Licenses' });
    await licenses.getByRole('button', { name: `Unlink license ${first}` }).click();
    await page.getByRole('alertdialog', { name: `Unlink license ${first} from Shop site?` }).getByRole('button', { name: 'Unlink license' }).click();
    const refused = page.getByRole('alertdialog', { name: `License ${first} was not unlinked` });
    await refused.waitFor();
    expect(await refused.getByRole('alert').textContent()).toBe(
      'App Shop site has only this license; without one it would be orphaned. Link another license first, or delete the app.',
    );
    await refused.getByRole('button', { name: 'Close' }).click();
    expect((await app()).licenses.map((l) => l.id)).toEqual([first]);

    await licenses.getByRole('button', { name: 'Link a license…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link a license to Shop site' });
    await dialog.getByRole('combobox', { name: 'License' }).fill('Northwind');
    await page.getByRole('option', { name: new RegExp(`License ${second} · Northwind Traders`) }).click();
    await dialog.getByRole('button', { name: 'Link license' }).click();
    await dialog.waitFor({ state: 'detached' });
    await licenses.getByRole('link', { name: `License ${second}` }).waitFor();

    await licenses.getByRole('button', { name: `Unlink license ${first}` }).click();
    await page.getByRole('alertdialog', { name: `Unlink license ${first} from Shop site?` }).getByRole('button', { name: 'Unlink license' }).click();
    await licenses.getByRole('link', { name: `License ${first}` }).waitFor({ state: 'detached' });
    expect((await app()).licenses.map((l) => l.id)).toEqual([second]);
  });

  it('imports a report: the good lines are kept and shown, the bad one is listed with its number and why', async () => {
    const { page } = s;
    const time = hourAgo();
    const report = [
      JSON.stringify({ type: 'issue', severity: 'Error', message: 'License check failed for shop.example.com', details: 'Stack trace here', time }),
      JSON.stringify({ type: 'stat', kind: 'Requests', value: 1200, time }),
      JSON.stringify({ type: 'stat', kind: 1, time }),
      JSON.stringify({ type: 'stat', kind: 5, value: 7, time }),
    ].join('\n');

    await page.getByRole('button', { name: 'Import report…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a report for Shop site' });
    await dialog.waitFor();
    // A file chosen fills the box; the dialog reads it in the page.
    await dialog.getByLabel('Report: choose a file').setInputFiles({ name: 'shop.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(report) });
    await expect.poll(() => dialog.getByRole('textbox', { name: /Report/ }).inputValue()).toBe(report);
    await dialog.getByRole('button', { name: 'Import report' }).click();

    const result = page.getByRole('dialog', { name: 'Report imported' });
    await result.getByText('Kept 1 issue and 2 stats from shop.jsonl.').waitFor();
    await result.getByText('1 line was not imported.').waitFor();
    const rejected = result.getByRole('row', { name: /^3 / });
    expect(await rejected.textContent()).toContain('"value" is missing');
    await result.getByRole('button', { name: 'Done' }).click();
    await result.waitFor({ state: 'detached' });

    const issues = page.getByRole('region', { name: 'Recent issues' });
    await issues.getByText('License check failed for shop.example.com').click();
    await issues.getByText('Stack trace here').waitFor();
    await issues.getByText('Error', { exact: true }).waitFor();
    expect((await s.call('app.issues', { appId })).total).toBe(1);
  });

  it('charts the stats over time, by stat and bucket', async () => {
    const { page } = s;
    const stats = page.getByRole('region', { name: 'Stats' });
    const chart = stats.getByRole('figure');
    await chart.locator('.recharts-line').first().waitFor();
    expect(await chart.locator('.recharts-line').count()).toBe(2);
    await chart.getByText('Requests').first().waitFor();
    await chart.getByText('Active installs').first().waitFor();

    await stats.getByText('Show the numbers').click();
    await chart.getByRole('row', { name: /1,200/ }).waitFor();

    await stats.getByLabel('Stat').selectOption({ label: 'Requests' });
    await expect.poll(() => chart.locator('.recharts-line').count()).toBe(1);
    await stats.getByLabel('One point per').selectOption({ label: 'Hour' });
    await stats.getByLabel(/^Period/).selectOption({ label: 'Last 48 hours' });
    await expect.poll(() => chart.getByRole('row').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: '/tmp/keyhub-ui-app.png', fullPage: true });
  });

  it('subscribes a user to a notification kind, and unsubscribes them', async () => {
    const { page } = s;
    await s.call('user.create', { name: 'Sam Staff', email: 'sam@imazen.example' });
    const section = page.getByRole('region', { name: 'Notifications' });
    await section.getByRole('button', { name: 'Subscribe a user…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Notify someone about Shop site' });
    await dialog.getByRole('combobox', { name: 'User' }).fill('sam');
    await page.getByRole('option', { name: /Sam Staff/ }).click();
    await dialog.getByLabel('Notify of').selectOption({ label: 'LicensingFailure' });
    await dialog.getByRole('button', { name: 'Subscribe' }).click();
    await dialog.waitFor({ state: 'detached' });
    await section.getByRole('row', { name: /Sam Staff.*LicensingFailure/ }).waitFor();
    expect((await app()).subscriptions).toMatchObject([{ userName: 'Sam Staff', kind: 'LicensingFailure' }]);

    await section.getByRole('button', { name: 'Unsubscribe Sam Staff from LicensingFailure' }).click();
    await page.getByRole('alertdialog', { name: 'Unsubscribe Sam Staff from LicensingFailure?' }).getByRole('button', { name: 'Unsubscribe' }).click();
    await section.getByText('No one is notified about this app.').waitFor();
    expect((await app()).subscriptions).toEqual([]);
  });

  it('grants a right on the app from its Rights panel', async () => {
    const { page } = s;
    await s.call('right.create', { name: 'Manage app' });
    const panel = page.getByRole('region', { name: 'Rights' });
    await panel.getByRole('button', { name: 'Grant a right…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Grant a right on app Shop site' });
    await dialog.getByRole('combobox', { name: 'User' }).fill('Sam');
    await page.getByRole('option', { name: /Sam Staff/ }).click();
    await dialog.getByLabel('Right').selectOption({ label: 'Manage app' });
    await dialog.getByRole('button', { name: 'Grant right' }).click();
    await panel.getByRole('row', { name: /Sam Staff.*Manage app/ }).waitFor();
    expect(await s.call('right.forObject', { objectType: 'app', objectId: appId })).toMatchObject([{ userName: 'Sam Staff', rightName: 'Manage app' }]);
  });

  it('finds the app by name or id in the list, and deletes it', async () => {
    const { page } = s;
    await nav().getByRole('link', { name: 'Apps' }).click();
    await page.getByLabel('Search apps').fill(appId.slice(0, 8));
    await page.getByRole('row', { name: /Shop site/ }).waitFor();
    await page.getByLabel('Search apps').fill('no such app');
    await page.getByText('No apps match.').waitFor();
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await page.getByRole('row', { name: /Shop site/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Shop site' }).waitFor();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Delete app “Shop site”?' }).getByRole('button', { name: 'Delete app' }).click();
    await page.getByRole('heading', { level: 1, name: 'Apps' }).waitFor();
    await page.getByText('App “Shop site” deleted.').waitFor();
    expect((await s.call('app.list', {})).total).toBe(0);
    // The licenses stay.
    expect((await s.call('license.get', { id: second })).id).toBe(second);
    expect(s.pageProblems).toEqual([]);
  });
});
