import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console is built into dist/console (next to the compiled service, which serves it at /admin).
 * Everything is emitted as files: no inlined scripts or styles, so the strict CSP holds.
 */
export default defineConfig({
  root: here,
  base: '/admin/',
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    rollupOptions: {
      // react-router marks its modules 'use client' (for server components); meaningless in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': 'http://localhost:4000', '/scim': 'http://localhost:4000' } },
});
