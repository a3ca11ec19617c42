import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const workflowFile = join(root, '.github/workflows/release.yml');
const scratch = mkdtempSync(join(tmpdir(), 'workflow-lint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs scripts/lint-workflows.ts (GitHub's workflow parser) on `files`. */
function lint(files: string[]) {
  const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const res = spawnSync(process.execPath, [tsx, join(root, 'scripts/lint-workflows.ts'), ...files], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

interface Step {
  name?: string;
  if?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  if?: string;
  'runs-on': string;
  permissions?: Record<string, string>;
  strategy?: { matrix: { include: { name: string; os: string }[] } };
  steps: Step[];
}
const workflow = parse(readFileSync(workflowFile, 'utf8')) as {
  on: { push: { tags: string[] } };
  jobs: { build: Job; release: Job };
};

const GOOD_JOB = 'jobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ok\n';
const BROKEN: Record<string, string> = {
  'no-runs-on.yml': 'on: push\njobs:\n  b:\n    steps:\n      - run: echo ok\n',
  'unknown-key.yml': `on: push\n${GOOD_JOB.replace('steps:', 'step:')}`,
  'bad-yaml.yml': 'on: [push\njobs: {\n',
  'open-expression.yml': `on: push\n${GOOD_JOB.replace('ubuntu-latest', '${{ matrix.os')}`,
  'run-and-uses.yml': `on: push\n${GOOD_JOB.replace('- run: echo ok', '- uses: actions/checkout@v4\n        run: echo ok')}`,
  'unknown-needs.yml': `on: push\n${GOOD_JOB.replace('    runs-on', '    needs: nope\n    runs-on')}`,
  'bad-trigger.yml': `on: pushh\n${GOOD_JOB}`,
};

describe('.github/workflows/release.yml', () => {
  it("passes GitHub's workflow parser and schema", () => {
    const r = lint([]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('release.yml: ok');
    expect(r.status).toBe(0);
  }, 60_000);

  it('the same lint fails on every kind of broken workflow, naming the file and the problem', () => {
    const files = Object.entries(BROKEN).map(([name, content]) => {
      const file = join(scratch, name);
      writeFileSync(file, content);
      return file;
    });
    const r = lint([workflowFile, ...files]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('release.yml: ok');
    for (const name of Object.keys(BROKEN)) expect(r.stderr).toContain(name);
    expect(r.stderr).toMatch(/no-runs-on\.yml.*Required property is missing: runs-on/);
    expect(r.stderr).toMatch(/unknown-key\.yml.*Unexpected value 'step'/);
    expect(r.stderr).toMatch(/open-expression\.yml.*expression is not closed/);
    expect(r.stderr).toMatch(/run-and-uses\.yml.*Unexpected value 'run'/);
    expect(r.stderr).not.toContain('release.yml:');
  }, 60_000);

  it('builds on Linux, Windows, and an Intel and an Apple Silicon Mac', () => {
    const matrix = workflow.jobs.build.strategy!.matrix.include;
    expect(matrix.map((m) => m.os)).toEqual([
      'ubuntu-24.04',
      'windows-latest',
      'macos-15-intel',
      'macos-latest',
    ]);
    expect(workflow.jobs.build['runs-on']).toBe('${{ matrix.os }}');
  });

  it('runs npm ci, npm test (Linux), npm run dist, then the smoke test of the packaged app', () => {
    const steps = workflow.jobs.build.steps;
    const at = (cmd: RegExp) => steps.findIndex((s) => cmd.test(s.run ?? ''));
    const order = [/^npm ci\b/, /^npm test$/, /^npm run dist\b/, /npm run test:electron/].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps[at(/^npm test$/)]!.if).toBe("runner.os == 'Linux'");
    const linuxSmoke = steps.find(
      (s) => s.if === "runner.os == 'Linux'" && /test:electron/.test(s.run ?? ''),
    )!;
    expect(linuxSmoke.run).toMatch(/^xvfb-run -a dbus-run-session -- bash -c/);
    expect(linuxSmoke.run).toContain('gnome-keyring-daemon --unlock --components=secrets');
    expect(steps.some((s) => s.if === "runner.os != 'Linux'" && s.run === 'npm run test:electron')).toBe(
      true,
    );
    // The Linux packages are the ones .ci/run installs for npm test.
    const apt = steps.find((s) => /apt-get install/.test(s.run ?? ''))!.run!;
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    for (const pkg of ['libsecret-1-dev', 'gnome-keyring', 'dbus', 'python3-openstackclient', 'g++']) {
      expect(apt).toContain(pkg);
      expect(ci).toContain(pkg);
    }
  });

  it('uploads every installer and, on a v* tag only, attaches them to a draft release', () => {
    const upload = workflow.jobs.build.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    for (const ext of ['AppImage', 'deb', 'rpm', 'dmg', 'zip', 'exe'])
      expect(upload.with!.path).toContain(`*.${ext}`);
    expect(workflow.on.push.tags).toEqual(['v*']);
    const release = workflow.jobs.release;
    expect(release.needs).toBe('build');
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(release.permissions).toEqual({ contents: 'write' });
    const publish = release.steps.find((s) => s.uses?.startsWith('softprops/action-gh-release@'))!;
    expect(publish.with).toMatchObject({ draft: true, files: 'artifacts/*' });
  });
});
