#!/usr/bin/env node
// `npm run test:electron`: the smoke test of the real Electron app (test/electron/smoke.test.ts).
// It drives, in this order of preference:
//   1. the executable given with `--app <path>` (the release workflow passes the packaged app);
//   2. the app packaged by `npm run dist` for this platform, under dist/;
//   3. the `electron` package's own binary, if it was downloaded, running the build in out/.
// With none of them it exits 1 after ONE line saying what is missing: the smoke test must never
// pass, or look as if it had, without Electron. `--root <dir>` searches another checkout (tests).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');

function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function fail(line) {
  console.error(`test:electron: ${line}`);
  process.exit(1);
}

const isFile = (p) => existsSync(p) && statSync(p).isFile();

/** Where electron-builder puts the unpacked app for this platform and CPU (see electron-builder.yml). */
function packagedCandidates(root) {
  const dist = join(root, 'dist');
  const arm = process.arch === 'arm64';
  if (process.platform === 'darwin') {
    const macApp = (dir) => join(dist, dir, 'ECS Desktop.app', 'Contents', 'MacOS', 'ECS Desktop');
    return arm ? [macApp('mac-arm64'), macApp('mac')] : [macApp('mac'), macApp('mac-x64')];
  }
  if (process.platform === 'win32')
    return [join(dist, arm ? 'win-arm64-unpacked' : 'win-unpacked', 'ECS Desktop.exe')];
  return [join(dist, arm ? 'linux-arm64-unpacked' : 'linux-unpacked', 'ecs-desktop')];
}

/** The `electron` package's downloaded binary; never `require('electron')`, which would download it. */
function devBinary(root) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  const rel = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : '';
  return { dir: join(pkg, 'dist'), bin: rel ? join(pkg, 'dist', rel) : '' };
}

const root = resolve(option('--root') ?? here);
const explicit = option('--app') ?? process.env.ECS_DESKTOP_APP;
let bin;
let args = [];
if (explicit) {
  bin = resolve(explicit);
  if (!isFile(bin))
    fail(`no Electron binary at ${bin}; build the app with npm run dist, or pass --app <executable>`);
} else {
  bin = packagedCandidates(root).find(isFile);
  if (!bin) {
    const dev = devBinary(root);
    if (!dev.bin || !isFile(dev.bin)) {
      fail(
        `no Electron binary at ${packagedCandidates(root)[0]} (npm run dist) nor in ${dev.dir}; ` +
          'install it with a network that reaches the Electron CDN (npx install-electron) or package the app',
      );
    }
    if (!isFile(join(root, 'out', 'main', 'index.js'))) fail('no build in out/: run npm run build first');
    bin = dev.bin;
    args = [root];
  }
}

console.log(`test:electron: driving ${bin}${args.length ? ` ${args.join(' ')}` : ''}`);
const vitest = join(here, 'node_modules', 'vitest', 'vitest.mjs');
const res = spawnSync(
  process.execPath,
  [vitest, 'run', '--config', join(here, 'test/electron/vitest.config.ts')],
  {
    stdio: 'inherit',
    cwd: here,
    env: { ...process.env, ECS_DESKTOP_ELECTRON_BIN: bin, ECS_DESKTOP_ELECTRON_ARGS: JSON.stringify(args) },
  },
);
if (res.error) fail(`could not start vitest: ${res.error.message}`);
if (res.status !== 0) {
  console.error(`test:electron: the smoke test failed (exit ${res.status ?? res.signal})`);
  process.exit(res.status || 1);
}
