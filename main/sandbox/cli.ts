/**
 * `npm run sandbox -- [--port N] [--servers N] [--speed X] [--state FILE] [--rate N] [--faults SPEC]
 * [--regions N] [--accounts M]`: starts the simulator on 127.0.0.1 and prints one JSON line
 * `{"event":"listening",...}` first: the first account and region's keys, plus `scopes`, every
 * account x region (servers are spread over them).
 * SIGINT/SIGTERM stop it cleanly (state saved); bad flags print usage and exit 2.
 */
import { parseFaults, startSandbox, type SandboxOptions } from './index';

const USAGE =
  'usage: npm run sandbox -- [--port N] [--servers N] [--speed X] [--state FILE] [--rate N] [--faults SPEC]\n' +
  '                          [--regions N] [--accounts M]   (1-50 each; one endpoint per region, rate per project)\n' +
  '  --faults error=R,reset=R,drop=R,latency=MS,jobfail=R[,ops=NAME|NAME]   (rates within [0, 1])\n' +
  '     error: 5xx before any work; reset: connection reset before any work;\n' +
  '     drop: the request is carried out, then its answer is lost (connection reset);\n' +
  '     ops=: only these routes get error/reset/drop/latency; KIND=R@NAME|NAME filters one kind,\n' +
  '     e.g. --faults error=0.1,drop=0.05@createServers|attachServerVolume';

/** Parses CLI arguments into sandbox options; throws an Error with a readable message on bad input. */
export function parseArgs(argv: string[]): SandboxOptions {
  const opts: SandboxOptions = {};
  const num = (flag: string, v: string | undefined, check: (n: number) => boolean, what: string): number => {
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(n) || !check(n))
      throw new Error(`${flag} needs ${what}, got ${v ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--port':
        opts.port = num(
          flag,
          value(),
          (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
          'a port number 0-65535',
        );
        break;
      case '--servers':
        opts.servers = num(
          flag,
          value(),
          (n) => Number.isInteger(n) && n >= 0 && n <= 100000,
          'a count 0-100000',
        );
        break;
      case '--speed':
        opts.speed = num(flag, value(), (n) => n > 0, 'a positive number');
        break;
      case '--rate':
        opts.rate = num(flag, value(), (n) => n > 0, 'a positive number of requests per second');
        break;
      case '--regions':
      case '--accounts':
        opts[flag === '--regions' ? 'regions' : 'accounts'] = num(
          flag,
          value(),
          (n) => Number.isInteger(n) && n >= 1 && n <= 50,
          'a count 1-50',
        );
        break;
      case '--state': {
        const v = value();
        if (v === undefined || v === '') throw new Error('--state needs a file name');
        opts.stateFile = v;
        break;
      }
      case '--faults': {
        const v = value();
        if (v === undefined) throw new Error('--faults needs a spec');
        parseFaults(v);
        opts.faults = v;
        break;
      }
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let opts: SandboxOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`sandbox: ${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  let sb: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sb = await startSandbox(opts);
  } catch (err) {
    process.stderr.write(`sandbox: ${(err as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ event: 'listening', ...sb.info })}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    sb.close().then(
      () => {
        process.stderr.write(`sandbox: stopped (${signal})\n`);
        process.exit(0);
      },
      (err: unknown) => {
        process.stderr.write(`sandbox: error while stopping: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
