/** Opening the browser never puts the launch token on a command line. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openInBrowser } from '../../src-main/hosts/web/foreground';
import { writeLaunchPage } from '../../src-main/hosts/web/launch-page';
import { tempDir } from '../support/temp-store';

const url = 'http://127.0.0.1:4321/#token=s3cr3t-"<x>';

describe('the launch page', () => {
  it('forwards to the address, escaped, and only its owner may read it', () => {
    const page = writeLaunchPage(url, tempDir());
    const html = readFileSync(page.path, 'utf8');
    expect(html).toContain('content="0;url=http://127.0.0.1:4321/#token=s3cr3t-&quot;&lt;x&gt;"');
    expect(statSync(page.path).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(page.path)).mode & 0o777).toBe(0o700);
    page.remove();
    expect(existsSync(page.path)).toBe(false);
  });

  it('is what the browser is asked to open, not the address with its token', async () => {
    const opened: string[] = [];
    const page = await openInBrowser(url, async (target) => {
      opened.push(target);
      return { once: () => undefined };
    });
    expect(opened).toEqual([page!.path]);
    expect(opened.join(' ')).not.toContain('s3cr3t');
    page!.remove();
  });
});
