/**
 * The keychain worker: a small child process that owns keytar, so that a keyring daemon that stops
 * answering ties up this process's libuv threads, never the app's. It loads keytar, says hello,
 * then answers one JSON request per stdin line on stdout (keychain-protocol.ts). The app kills it
 * when a call takes too long and starts a fresh one.
 *
 * Started as plain Node (`node keychain-worker.js`, or Electron's binary with ELECTRON_RUN_AS_NODE);
 * imports nothing of the app but the protocol.
 */
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { parseRequestLine, toLine, type KeychainReply, type KeychainRequest } from './keychain-protocol';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

function send(reply: Parameters<typeof toLine>[0]): void {
  // Pipes are written synchronously on Linux and macOS: a reply is out before any exit.
  process.stdout.write(toLine(reply));
}

function die(): never {
  // A keytar call stuck on a frozen daemon keeps a libuv thread busy, and even process.exit()
  // joins the thread pool (~50 s); SIGKILL is the only exit that does not wait for it.
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

async function answer(keytar: Keytar, req: KeychainRequest): Promise<KeychainReply> {
  try {
    let value: string | boolean | null;
    if (req.op === 'get') value = await keytar.getPassword(req.service, req.account);
    else if (req.op === 'set') {
      await keytar.setPassword(req.service, req.account, req.password ?? '');
      value = true;
    } else value = await keytar.deletePassword(req.service, req.account);
    return { kind: 'reply', id: req.id, ok: true, value };
  } catch (err) {
    return { kind: 'reply', id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

let keytar: Keytar;
try {
  // keytar is a CommonJS native addon (Node-API, so the same binary loads in Node and Electron).
  keytar = createRequire(import.meta.url)('keytar') as Keytar;
} catch (err) {
  send({ kind: 'hello', ready: false, error: err instanceof Error ? err.message : String(err) });
  die();
}
send({ kind: 'hello', ready: true });

// One call at a time, in order: a read sent after a write sees it (the app sends one at a time too).
let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on('line', (line) => {
  const req = parseRequestLine(line);
  // A request that cannot be read cannot be answered by id: the app treats silence as a timeout.
  if (!req) {
    process.stderr.write('keychain worker: ignored a malformed request line\n');
    return;
  }
  queue = queue.then(() => answer(keytar, req).then(send));
});
// The app closed the pipe (it quit, crashed, or abandoned this worker): leave at once.
lines.on('close', die);
