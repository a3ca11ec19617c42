import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The Electron smoke test only (`npm run test:electron`); the root config never includes it.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/electron/**/*.test.ts'],
    environment: 'node',
    // A run that collected no test has proven nothing.
    passWithNoTests: false,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
