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
const csv = join(tmp, 'findings.csv');
const res = spawnSync(
  join(root, 'node_modules/.bin/electronegativity'),
  ['-i', out, '-e', electronVersion, '-o', csv, '-v', 'false'],
  {
    encoding: 'utf8',
  },
);
if (!existsSync(csv)) {
  console.error(`security-scan: electronegativity produced no report (exit ${res.status}).\n${res.stderr}`);
  process.exit(1);
}

/** Parses one CSV line with quoted fields. */
function parseCsvLine(line) {
  const fields = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  fields.push(cur.trim());
  return fields;
}

const lines = readFileSync(csv, 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim());
rmSync(tmp, { recursive: true, force: true });
const reviewed = JSON.parse(
  readFileSync(join(root, 'security/electronegativity-reviewed.json'), 'utf8'),
).reviewed;
const used = new Set();
const open = [];
for (const line of lines) {
  const [check, severity, confidence, file, location, sample, description] = parseCsvLine(line);
  const rel = relative(out, file);
  const [lineNo] = location.split(':').map(Number);
  const source = existsSync(file) ? (readFileSync(file, 'utf8').split('\n')[lineNo - 1] ?? '') : '';
  const match = reviewed.findIndex((r) => r.check === check && r.file === rel && source.includes(r.line));
  if (match >= 0) used.add(match);
  else
    open.push(
      `${check} (${severity}, ${confidence}) ${rel}:${location} ${description}${sample && sample !== 'N/A' ? `\n    ${sample}` : ''}`,
    );
}
const stale = reviewed.filter((_r, i) => !used.has(i));
console.log(
  `Electronegativity (Electron ${electronVersion}): ${lines.length} finding(s), ${used.size} reviewed, ${open.length} open.`,
);
for (const f of open) console.log(`  open: ${f}`);
for (const s of stale)
  console.log(`  stale review entry (no longer found; remove it): ${s.check} ${s.file} "${s.line}"`);
process.exit(open.length > 0 || stale.length > 0 ? 1 : 0);
