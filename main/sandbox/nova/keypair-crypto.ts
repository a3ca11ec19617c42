/**
 * Real key material for §6.11.3: a generated RSA key pair in OpenSSH form, and the checks and
 * fingerprints for an imported public key.
 */
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { badRequest } from './errors';

/** A key pair's wire fields. */
export interface KeyMaterial {
  publicKey: string;
  privateKey?: string;
  fingerprint: string;
}

function sshString(buf: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(buf.length);
  return Buffer.concat([len, buf]);
}

function sshMpint(unsigned: Buffer): Buffer {
  // An mpint is two's complement: a set top bit needs a leading zero byte to stay positive.
  const first = unsigned[0] ?? 0;
  return sshString(first & 0x80 ? Buffer.concat([Buffer.from([0]), unsigned]) : unsigned);
}

/** Nova's fingerprint of an SSH public key: MD5 of the key blob as colon-separated hex. */
export function md5Fingerprint(blob: Buffer): string {
  return (createHash('md5').update(blob).digest('hex').match(/../g) ?? []).join(':');
}

/** Generates a 2048-bit RSA key pair; the private key is PEM (PKCS#1) as upstream Nova returns it. */
export function generateSshKeyPair(name: string): KeyMaterial & { privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const n = Buffer.from(jwk.n ?? '', 'base64url');
  const e = Buffer.from(jwk.e ?? '', 'base64url');
  const blob = Buffer.concat([sshString(Buffer.from('ssh-rsa')), sshMpint(e), sshMpint(n)]);
  return {
    publicKey: `ssh-rsa ${blob.toString('base64')} Generated-by-Nova ${name}`.trim(),
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
    fingerprint: md5Fingerprint(blob),
  };
}

const SSH_TYPES = new Set([
  'ssh-rsa',
  'ssh-dss',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
]);

/**
 * Checks an imported key and computes its fingerprint; throws 400 for anything that is not a
 * well-formed OpenSSH public key (type `ssh`) or PEM certificate (type `x509`).
 */
export function importPublicKey(publicKey: string, type: 'ssh' | 'x509'): KeyMaterial {
  if (type === 'x509') {
    try {
      const cert = new X509Certificate(publicKey);
      return { publicKey, fingerprint: cert.fingerprint.toLowerCase() };
    } catch {
      throw badRequest('Keypair data is invalid: failed to generate fingerprint');
    }
  }
  const parts = publicKey.trim().split(/\s+/);
  const [kind, b64] = parts;
  if (
    kind === undefined ||
    b64 === undefined ||
    !SSH_TYPES.has(kind) ||
    !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)
  ) {
    throw badRequest('Keypair data is invalid: failed to generate fingerprint');
  }
  const blob = Buffer.from(b64, 'base64');
  // The blob starts with the key type as an SSH string; a mismatch means a corrupted or forged key.
  const len = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  if (len <= 0 || blob.subarray(4, 4 + len).toString() !== kind) {
    throw badRequest('Keypair data is invalid: failed to generate fingerprint');
  }
  return { publicKey, fingerprint: md5Fingerprint(blob) };
}
