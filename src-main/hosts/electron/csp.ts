/**
 * KeyHub's Content-Security-Policy. One source for both deliveries: the build writes
 * it into out/renderer/index.html as a <meta> tag (file:// pages get no HTTP headers),
 * and the main process also sends it as a header for every response it sees.
 */

type Directives = Record<string, string[]>;

/** The shipped policy: only the app's own files, no inline or eval'd script, no frames. */
function productionDirectives(): Directives {
  return {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    // React sets style through the CSSOM (element.style), which CSP does not restrict;
    // stylesheets come from the build's own files.
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'manifest-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * Development only (`electron-vite dev`): Vite injects the React Refresh preamble as an
 * inline script and CSS as <style> tags, and talks to its dev server over a WebSocket.
 * Never shipped: a packaged app always loads the built files with the production policy.
 */
function developmentDirectives(devServerOrigin: string): Directives {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  const d = productionDirectives();
  d['script-src'] = ["'self'", "'unsafe-inline'"];
  d['style-src'] = ["'self'", "'unsafe-inline'"];
  d['connect-src'] = ["'self'", ws];
  return d;
}

function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** For the HTTP header (dev server responses; harmless elsewhere). */
export function contentSecurityPolicy(options: { devServerOrigin?: string } = {}): string {
  return serialize(
    options.devServerOrigin ? developmentDirectives(options.devServerOrigin) : productionDirectives(),
  );
}

/** For the <meta> tag in the built index.html: frame-ancestors is ignored (and warned about) there. */
export function metaContentSecurityPolicy(): string {
  const d = productionDirectives();
  delete d['frame-ancestors'];
  return serialize(d);
}
