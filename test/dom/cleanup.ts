/**
 * Unmounts what a test rendered: vitest runs without globals, so the testing library cannot
 * register its own cleanup. Import this module from every test file that renders.
 */
import { afterEach } from 'vitest';
import { cleanup } from '@solidjs/testing-library';

afterEach(cleanup);
// Persisted UI state (filters, pane, drawer) must not leak from one test into the next.
afterEach(() => {
  if (typeof localStorage !== 'undefined') localStorage.clear();
});
