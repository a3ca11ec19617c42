import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import solid from 'vite-plugin-solid';
import { strictCspPlugin } from './scripts/strict-csp';
import { DEV_CONTENT_SECURITY_POLICY } from './main/security';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          // The keychain runs in its own process (main/accounts/keychain-process.ts).
          'keychain-worker': resolve(__dirname, 'main/accounts/keychain-worker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      // SECURITY: a sandboxed renderer can only run a CommonJS preload.
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [solid(), strictCspPlugin()],
    server: { headers: { 'Content-Security-Policy': DEV_CONTENT_SECURITY_POLICY } },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Relative asset URLs: the same build loads from app:// and from a test server.
      modulePreload: false,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
