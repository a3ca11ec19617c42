import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

export default defineConfig({
  test: {
    passWithNoTests: true,
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [solid()],
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['test/dom/**/*.test.{ts,tsx}'],
          // A timeout here catches a hang, not slowness. These tests render the whole app in jsdom
          // and are CPU-bound (role queries walk the whole document): the first test of a file
          // takes about 1.3 s of CPU, so vitest's default 5 s failed whenever the process got
          // under a quarter of a core (measured: 25% with eight suites sharing two cores). The
          // same budget as the node project.
          testTimeout: 20_000,
        },
        resolve: { conditions: ['development', 'browser'] },
      },
    ],
  },
});
