import { defineConfig } from 'vite';

// The command line: one self-contained ESM file with the engine, papaparse and apache-arrow bundled.
export default defineConfig({
  build: {
    ssr: 'src/cli/node.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: { output: { entryFileNames: 'cli.js', format: 'es' } },
  },
  ssr: { noExternal: true, target: 'node' },
  publicDir: false,
  logLevel: 'warn',
});
