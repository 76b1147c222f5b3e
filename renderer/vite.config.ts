import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from '../electron/common/csp.ts';

/** Writes the one CSP (electron/common/csp.ts) into index.html, so browser tests run under it too. */
function contentSecurityPolicyPlugin(): Plugin {
  return {
    name: 'kirei-csp',
    transformIndexHtml: (html) => html.replace('%KIREI_CSP%', contentSecurityPolicy),
  };
}

export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: './',
  plugins: [react(), contentSecurityPolicyPlugin()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // No inline scripts or data: modules: the CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
