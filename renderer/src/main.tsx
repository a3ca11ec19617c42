import { render } from 'solid-js/web';
import { App } from './App';
import { installHarnessApi } from './lib/harness-transport';

// Test-only: when served by the browser harness, window.api comes over its HTTP bridge (a no-op in Electron).
installHarnessApi();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
render(() => <App />, root);
