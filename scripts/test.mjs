#!/usr/bin/env node
// `npm test`: typecheck, lint, then every test suite (unit, integration against the simulator and
// the real keychain, dom, end-to-end in Chromium). The suites run inside a private D-Bus session
// with an unlocked gnome-keyring (a real Secret Service) and a fresh HOME, so they never touch the
// developer's own keychain or ~/.huaweicloud.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const inner = process.argv.includes('--inner');

/** Runs one step; exits on failure unless `keepGoing` (then returns false). */
function run(title, cmd, args, env = process.env, keepGoing = false) {
  const started = Date.now();
  console.log(`\n=== ${title}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (res.error) {
    console.error(`${title}: could not start ${cmd}: ${res.error.message}`);
    process.exit(1);
  }
  if (res.status !== 0) {
    console.error(`\n${title} failed (exit ${res.status ?? res.signal}) after ${secs}s.`);
    if (keepGoing) return false;
    process.exit(res.status ?? 1);
  }
  console.log(`=== ${title}: ok (${secs}s)`);
  return true;
}

function which(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

if (!inner) {
  run('typecheck', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
  run('typecheck (web)', bin('tsc'), ['-p', 'tsconfig.web.json', '--noEmit']);
  run('lint', bin('eslint'), ['.']);
  run('format', bin('prettier'), ['--check', '.']);
  for (const tool of ['dbus-run-session', 'gnome-keyring-daemon']) {
    if (!which(tool)) {
      console.error(
        `${tool} is missing: install the Linux test packages (see README: dbus, gnome-keyring, libsecret-1-dev).`,
      );
      process.exit(1);
    }
  }
  const home = mkdtempSync(join(tmpdir(), 'ecs-desktop-test-home-'));
  const env = {
    ...process.env,
    HOME: home,
    XDG_RUNTIME_DIR: home,
    XDG_DATA_HOME: join(home, '.local/share'),
    ECS_DESKTOP_REAL_HOME: process.env.HOME ?? '',
  };
  const script = `printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec node "${join(root, 'scripts/test.mjs')}" --inner`;
  const res = spawnSync('dbus-run-session', ['--', 'bash', '-c', script], {
    stdio: 'inherit',
    cwd: root,
    env,
  });
  rmSync(home, { recursive: true, force: true });
  process.exit(res.status ?? 1);
} else {
  process.env.ECS_DESKTOP_KEYRING = 'gnome-keyring';
  // The end-to-end tests load the built renderer over http.
  run('build', bin('electron-vite'), ['build']);
  run('security scan (Electronegativity)', process.execPath, [join(root, 'scripts/security-scan.mjs')]);
  const report = join(root, 'test-results', 'vitest.json');
  rmSync(report, { force: true });
  const passed = run(
    'unit, integration, dom and end-to-end tests',
    bin('vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    process.env,
    true,
  );
  // One plain closing line that any CI can read, whatever it knows of vitest; also after a failure.
  if (!existsSync(report)) process.exit(1);
  const totals = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (totals.numPendingTests ?? 0) + (totals.numTodoTests ?? 0);
  console.log(
    `\nTests: ${totals.numPassedTests} passed, ${totals.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
  if (!passed) process.exit(1);
}
