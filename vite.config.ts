import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * The Content-Security-Policy. connect-src 'self': the page may fetch only the
 * app's own files (the bundled sample); workers give up fetch entirely at start-up.
 * No 'unsafe-eval', no outside host anywhere. It is injected as a <meta> into the built page and also
 * sent as a header by the preview server, because a worker loaded from a URL takes
 * its policy from its own response headers, not from the page's <meta>.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

// Only in the build: the dev server needs its HMR websocket and injected styles.
const cspMeta = (): Plugin => ({
  name: 'csp-meta',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
});

export default defineConfig({
  base: './',
  plugins: [svelte(), cspMeta()],
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist/web', emptyOutDir: true, chunkSizeWarningLimit: 700 },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1', headers: { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' } },
  server: { host: '127.0.0.1' },
});
