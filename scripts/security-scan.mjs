#!/usr/bin/env node
// Runs Electronegativity over the built app (out/) and fails on any finding that is not a
// reviewed manual-review item listed in security/electronegativity-reviewed.json. It scans the
// build because its parser predates current TypeScript syntax; what it reads is what ships.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out');
if (!existsSync(join(out, 'main/index.js'))) {
  console.error('security-scan: build the app first (npx electron-vite build).');
  process.exit(1);
}
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const tmp = mkdtempSync(join(tmpdir(), 'eneg-'));
// SARIF (JSON) rather than CSV: structured, so a code sample with commas or newlines cannot shift fields.
const report = join(tmp, 'findings.sarif');
const res = spawnSync(
  join(root, 'node_modules/.bin/electronegativity'),
  ['-i', out, '-e', electronVersion, '-o', report, '-v', 'false'],
  { encoding: 'utf8' },
);
if (!existsSync(report)) {
  console.error(`security-scan: electronegativity produced no report (exit ${res.status}).\n${res.stderr}`);
  process.exit(1);
}
const sarif = JSON.parse(readFileSync(report, 'utf8'));
rmSync(tmp, { recursive: true, force: true });
const findings = (sarif.runs ?? []).flatMap((run) => run.results ?? []);

const reviewed = JSON.parse(
  readFileSync(join(root, 'security/electronegativity-reviewed.json'), 'utf8'),
).reviewed;
const used = new Set();
const open = [];
for (const f of findings) {
  const check = f.ruleId ?? '?';
  const loc = f.locations?.[0]?.physicalLocation;
  const file = loc?.artifactLocation?.uri ?? '';
  const lineNo = loc?.region?.startLine ?? 0;
  const rel = file.startsWith('/') ? relative(out, file) : file;
  const source =
    file.startsWith('/') && existsSync(file)
      ? (readFileSync(file, 'utf8').split('\n')[lineNo - 1] ?? '')
      : '';
  const match = reviewed.findIndex((r) => r.check === check && r.file === rel && source.includes(r.line));
  if (match >= 0) used.add(match);
  else
    open.push(
      `${check} (${f.level ?? '?'}) ${rel}:${lineNo} ${f.message?.text ?? ''}${source ? `\n    ${source.trim()}` : ''}`,
    );
}
const stale = reviewed.filter((_r, i) => !used.has(i));
console.log(
  `Electronegativity (Electron ${electronVersion}): ${findings.length} finding(s), ${used.size} reviewed, ${open.length} open.`,
);
for (const f of open) console.log(`  open: ${f}`);
for (const s of stale)
  console.log(`  stale review entry (no longer found; remove it): ${s.check} ${s.file} "${s.line}"`);
process.exit(open.length > 0 || stale.length > 0 ? 1 : 0);
