/**
 * Benchmark runner: `npm run bench -- [--json] [--only <name>[,<name>]] [--quick] [--list]`
 * (use `npm run -s bench -- --json` to keep npm's banner out of the JSON lines).
 *
 * Discovers every `test/bench/*.bench.ts`, whose default export is a `Bench`
 * (`{ name, run(ctx) }`, see `./harness.ts` for `ctx` and the rules), runs them one after the
 * other, and prints a table of what each reported. With `--json`, stdout carries one JSON object
 * per line instead, `{"bench":...,"metric":...,"value":...,"unit":...}`, written as soon as it is
 * reported; progress goes to stderr. A bench that throws is reported on stderr and makes the exit
 * code 1; the others still run. Numbers are printed, never asserted.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Bench, BenchContext, BenchReport } from './harness';

interface Options {
  json: boolean;
  quick: boolean;
  list: boolean;
  only: Set<string> | undefined;
}

/** A reported number with the bench it came from. */
interface Row extends BenchReport {
  bench: string;
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { json: false, quick: false, list: false, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') opts.json = true;
    else if (arg === '--quick') opts.quick = true;
    else if (arg === '--list') opts.list = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (value === undefined || value === '') throw new Error('--only needs a bench name');
      opts.only ??= new Set();
      for (const name of value.split(',')) if (name.trim()) opts.only.add(name.trim());
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: npm run bench -- [--json] [--quick] [--list] [--only name[,name]]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return opts;
}

function isBench(value: unknown): value is Bench {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return typeof b.name === 'string' && b.name !== '' && typeof b.run === 'function';
}

async function discover(dir: string): Promise<Bench[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const benches: Bench[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
    if (!isBench(mod.default))
      throw new Error(`${file}: the default export must be { name: string; run(ctx): Promise<void> }`);
    if (seen.has(mod.default.name)) throw new Error(`${file}: duplicate bench name "${mod.default.name}"`);
    seen.add(mod.default.name);
    benches.push(mod.default);
  }
  return benches;
}

/** Formats a number for the table: thousands separators, about four significant digits. */
function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : 3;
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function printTable(rows: readonly Row[]): void {
  const header: [string, string, string, string] = ['bench', 'metric', 'value', 'unit'];
  const cells = rows.map((r) => [r.bench, r.metric, formatValue(r.value), r.unit] as const);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    c
      .map((s, i) => (i === 2 ? s.padStart(widths[i]!) : s.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const c of cells) process.stdout.write(`${line(c)}\n`);
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const dir = dirname(fileURLToPath(import.meta.url));
  const all = await discover(dir);
  if (opts.list) {
    for (const b of all) process.stdout.write(`${b.name}\n`);
    return 0;
  }
  let benches = all;
  if (opts.only) {
    const unknown = [...opts.only].filter((n) => !all.some((b) => b.name === n));
    if (unknown.length > 0) {
      process.stderr.write(
        `unknown bench: ${unknown.join(', ')} (available: ${all.map((b) => b.name).join(', ')})\n`,
      );
      return 2;
    }
    benches = all.filter((b) => opts.only!.has(b.name));
  }

  const rows: Row[] = [];
  let failed = 0;
  for (const bench of benches) {
    const log = (message: string) => process.stderr.write(`[${bench.name}] ${message}\n`);
    const ctx: BenchContext = {
      report(r) {
        if (typeof r.metric !== 'string' || typeof r.unit !== 'string' || typeof r.value !== 'number')
          throw new Error(`bench ${bench.name} reported a malformed value: ${JSON.stringify(r)}`);
        const row: Row = { bench: bench.name, metric: r.metric, value: r.value, unit: r.unit };
        rows.push(row);
        if (opts.json) process.stdout.write(`${JSON.stringify(row)}\n`);
      },
      log,
      durationMs: opts.quick ? 150 : 700,
      quick: opts.quick,
    };
    const started = performance.now();
    if (!opts.json) log('running');
    try {
      await bench.run(ctx);
      log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (err) {
      failed++;
      log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  if (!opts.json) printTable(rows);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
