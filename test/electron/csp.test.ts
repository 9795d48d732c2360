import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../src-main/hosts/electron/csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('the production CSP', () => {
  for (const [name, policy] of [
    ['header', contentSecurityPolicy()],
    ['meta', metaContentSecurityPolicy()],
  ] as const) {
    it(`(${name}) allows only the app's own scripts: no inline, no eval`, () => {
      const d = directives(policy);
      expect(d.get('script-src')).toEqual(["'self'"]);
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toContain('unsafe-eval');
      expect(policy).not.toContain('*');
    });

    it(`(${name}) denies by default and forbids plugins, frames, <base> and form posts`, () => {
      const d = directives(policy);
      expect(d.get('default-src')).toEqual(["'none'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
      expect(d.get('frame-src')).toEqual(["'none'"]);
      expect(d.get('base-uri')).toEqual(["'none'"]);
      expect(d.get('form-action')).toEqual(["'none'"]);
      expect(d.get('connect-src')).toEqual(["'self'"]);
    });
  }

  it('keeps frame-ancestors out of the meta version, where browsers ignore it', () => {
    expect(directives(contentSecurityPolicy()).get('frame-ancestors')).toEqual(["'none'"]);
    expect(metaContentSecurityPolicy()).not.toContain('frame-ancestors');
  });
});

describe('the development CSP', () => {
  const policy = contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });

  it("lets Vite's dev server work: its inline preamble and its hot-reload socket", () => {
    const d = directives(policy);
    expect(d.get('script-src')).toContain("'unsafe-inline'");
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
  });

  it('is still closed to everything else', () => {
    const d = directives(policy);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(policy).not.toContain('unsafe-eval');
    expect(d.get('object-src')).toEqual(["'none'"]);
  });
});
