/**
 * `npm run harness -- [--port N] [--servers N] [--disks N] [--nics N] [--speed X] [--keychain]`: starts the browser harness
 * on 127.0.0.1 and prints one JSON line `{"event":"listening","url":"http://127.0.0.1:PORT/?token=..."}`
 * first. Build the renderer before (npx electron-vite build). SIGINT/SIGTERM stop it cleanly.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, type HarnessOptions } from './server';

const USAGE =
  'usage: npm run harness -- [--port N] [--servers N] [--disks N] [--nics N] [--speed X] [--keychain]';

/** Parses the CLI flags; throws an Error with a readable message on bad input. */
export function parseHarnessArgs(argv: string[]): HarnessOptions {
  const opts: HarnessOptions = {};
  const int = (flag: string, v: string | undefined, max: number): number => {
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isInteger(n) || n < 0 || n > max)
      throw new Error(`${flag} needs a whole number 0-${max}, got ${v ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    if (flag === '--port') opts.port = int(flag, value(), 65535);
    else if (flag === '--servers') opts.servers = int(flag, value(), 100_000);
    else if (flag === '--disks') opts.disks = int(flag, value(), 1_000_000);
    else if (flag === '--nics') opts.nics = int(flag, value(), 400_000);
    else if (flag === '--speed') {
      const v = value();
      const n = Number(v);
      if (!(n > 0)) throw new Error(`--speed needs a positive number, got ${v ?? 'nothing'}`);
      opts.speed = n;
    } else if (flag === '--keychain') opts.keychain = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: HarnessOptions;
  try {
    opts = parseHarnessArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`harness: ${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (!existsSync(join(import.meta.dirname, '../../out/renderer/index.html')))
    process.stderr.write('harness: out/renderer is missing; build it with `npx electron-vite build`.\n');
  const harness = await startHarness(opts);
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: harness.url })}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void harness.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`harness: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((err: unknown) => {
  process.stderr.write(`harness: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
