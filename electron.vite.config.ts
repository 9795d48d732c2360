/**
 * Builds KeyHub's three Electron bundles:
 * - main     src-main/hosts/electron/main.ts    -> out/main/index.js (ES module; npm deps stay external,
 *            better-sqlite3 above all: a native addon cannot be bundled)
 * - preload  src-main/hosts/electron/preload.ts -> out/preload/index.cjs (CommonJS with everything
 *            inlined: a sandboxed preload can neither be an ES module nor require npm packages)
 * - renderer src-renderer/index.html            -> out/renderer (React; the CSP goes in as a <meta> tag)
 *
 * Output folders are electron-vite's defaults (out/main, out/preload, out/renderer), so
 * `electron-vite build --outDir DIR` moves all three; the build test builds elsewhere that
 * way and never rebuilds out/ underneath tests that serve it.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { METHOD_NAMES } from './src-main/api/contract';
import { metaContentSecurityPolicy } from './src-main/hosts/electron/csp';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Writes the production CSP into the built index.html, ahead of every script. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'keyhub:csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      if (/http-equiv=["']Content-Security-Policy["']/i.test(html)) {
        // Both policies would apply (the stricter wins); say so, since csp.ts should be the only source.
        console.warn('[keyhub] src-renderer/index.html has its own CSP <meta>; the one from csp.ts is added too.');
      }
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy() },
          injectTo: 'head-prepend',
        },
      ];
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // Every package.json dependency stays an import resolved from node_modules at run time.
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/hosts/electron/main.ts') },
      },
    },
  },
  preload: {
    define: {
      // The preload's list of methods, generated from the contract at build time.
      __KEYHUB_METHOD_NAMES__: JSON.stringify(METHOD_NAMES),
    },
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/hosts/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      // electron-vite leaves bundles unminified; the renderer is also served over HTTP.
      minify: true,
      rolldownOptions: {
        input: resolve(root, 'src-renderer/index.html'),
      },
    },
  },
});
