/**
 * Fuzzes every invoke channel with malformed payloads (wrong types, huge strings, `__proto__`
 * keys, missing fields, arrays instead of objects, null, lone surrogates in any string, reserved
 * metadata keys): each gets a VALIDATION error result,
 * dispatch never throws, nothing is polluted, and main keeps answering valid calls.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../shared/ipc/contract';
import { invokeSchemas, validateInvoke } from '../../shared/ipc/schemas';
import { isWellFormedText } from '../../shared/text';
import { createIpc, type Ipc } from '../../main/ipc/index';
import { createServices, type Services } from '../../main/services';
import { Prng } from '../helpers/prng';
import { validSamples } from './ipc-samples';

let services: Services;
let ipc: Ipc;
let dir: string;
const sender = { url: 'harness:' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ipc-fuzz-'));
  services = await createServices({ dataDir: dir, vaultMode: 'session-only', sandbox: false });
  ipc = createIpc(services, {
    appInfo: () => ({ name: 'ecs-desktop', version: '0', versions: {}, shell: 'harness' }),
    isTrustedSender: (s) => s.url === 'harness:',
  });
});
afterAll(async () => {
  ipc?.dispose();
  await services?.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** A value of another type than `value` (never one a schema field of that type accepts). */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return '12';
  if (typeof value === 'boolean') return 'true';
  if (Array.isArray(value)) return { 0: value[0], length: 1 };
  return 42;
}

/** Required top-level keys of a channel's schema (the variant of accounts.add: its first option). */
function requiredKeys(channel: InvokeChannel): string[] {
  const schema = invokeSchemas[channel] as unknown as {
    entries?: Record<string, { type: string }>;
    options?: { entries: Record<string, { type: string }> }[];
  };
  const entries = schema.entries ?? schema.options?.[0]?.entries ?? {};
  return Object.entries(entries)
    .filter(([, s]) => s.type !== 'optional')
    .map(([k]) => k);
}

/** The sample with an own `__proto__` key, as JSON.parse (and structured cloning) produce it. */
function withProtoKey(sample: Record<string, unknown>): unknown {
  const rest = JSON.stringify(sample).slice(1);
  return JSON.parse(`{"__proto__":{"polluted":true}${rest === '}' ? '' : ','}${rest}`);
}

/** Malformed variants of a channel's valid sample, each named for the failure message. */
function malformed(channel: InvokeChannel): [string, unknown][] {
  const sample = validSamples[channel] as Record<string, unknown>;
  const out: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a number', 7],
    ['a string', 'accounts'],
    ['an array', [sample]],
    ['an empty array', []],
    ['an unknown key', { ...sample, surplus: 1 }],
    ['a __proto__ key (JSON)', withProtoKey(sample)],
    ['a constructor key', { ...sample, constructor: { prototype: { polluted: true } } }],
    ['a huge string field', { ...sample, surplus: 'x'.repeat(2_000_000) }],
  ];
  for (const key of Object.keys(sample)) {
    out.push([`${key} of the wrong type`, { ...sample, [key]: wrongType(sample[key]) }]);
    if (typeof sample[key] === 'string')
      out.push([`${key} huge`, { ...sample, [key]: 'é'.repeat(1_100_000) }]);
  }
  for (const key of requiredKeys(channel)) {
    const copy = { ...sample };
    delete copy[key];
    out.push([`missing ${key}`, copy]);
  }
  return out;
}

/** Every string of `value` (values and object keys), as a path of keys from the root. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (typeof value !== 'object' || value === null) return [];
  const out: (string | number)[][] = [];
  for (const [k, item] of Object.entries(value)) out.push(...stringPaths(item, [...path, k]));
  return out;
}

/** A deep copy of `value` with the string at `path` given a lone surrogate in the middle. */
function withSurrogateAt(value: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  const s = parent[last] as string;
  parent[last] = `${s.slice(0, 1)}\ud800${s.slice(1)}`;
  return copy;
}

describe('dispatch under malformed payloads', () => {
  it('answers VALIDATION for every malformed payload of every channel, never throwing', async () => {
    let checked = 0;
    for (const channel of INVOKE_CHANNELS) {
      for (const [what, payload] of malformed(channel)) {
        const res = await ipc.dispatch(channel, payload, sender);
        expect(res.ok, `${channel} with ${what} was accepted`).toBe(false);
        if (!res.ok) {
          expect(res.error.code, `${channel} with ${what}: ${res.error.message}`).toBe('VALIDATION');
          expect(res.error.message.length).toBeLessThan(2000);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(INVOKE_CHANNELS.length * 10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers VALIDATION for a lone surrogate in any string of any channel (never INTERNAL "URI malformed")', async () => {
    let checked = 0;
    for (const channel of INVOKE_CHANNELS) {
      for (const path of stringPaths(validSamples[channel])) {
        const res = await ipc.dispatch(channel, withSurrogateAt(validSamples[channel], path), sender);
        expect(res.ok, `${channel} with a lone surrogate in ${path.join('.')} was accepted`).toBe(false);
        if (!res.ok)
          expect(res.error.code, `${channel} ${path.join('.')}: ${res.error.message}`).toBe('VALIDATION');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('names the field and the reason for a lone surrogate in a name, a metadata key or value, a key pair name', async () => {
    const scope = { accountId: 'sandbox', region: 'sandbox-1' };
    const id = '0b3c6a4e-1f2d-4c5b-9a8e-7d6f5e4c3b2a';
    const cases: [InvokeChannel, unknown, string][] = [
      ['servers.update', { ...scope, id, name: 'web\ud800' }, 'name'],
      ['servers.setMetadata', { ...scope, id, metadata: JSON.parse('{"k\\ud800":"v"}') }, 'metadata.k\ufffd'],
      ['servers.setMetadata', { ...scope, id, metadata: { k: '\udc00' } }, 'metadata.k'],
      ['servers.deleteMetadata', { ...scope, id, key: '\ud800' }, 'key'],
      ['keypairs.create', { ...scope, name: 'kp\ud800' }, 'name'],
      ['keypairs.delete', { ...scope, name: '\ud800' }, 'name'],
      ['servers.list', { ...scope, filter: { name: '\ud83d' } }, 'filter.name'],
      ['disks.create', { ...scope, name: 'd\ud800', sizeGb: 10 }, 'name'],
    ];
    for (const [channel, payload, field] of cases) {
      const res = await ipc.dispatch(channel, payload, sender);
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      if (!res.ok) {
        expect(res.error.message).toContain(`${field}: contains a lone surrogate`);
        // The message itself is well-formed text (the bad key is shown as U+FFFD).
        expect(isWellFormedText(res.error.message)).toBe(true);
      }
    }
    // A well-formed surrogate pair (an emoji) is ordinary text.
    const emoji = validateInvoke('servers.update', { ...scope, id, name: 'web \ud83d\ude00' });
    expect(emoji.ok).toBe(true);
  });

  it('refuses the metadata keys __proto__, constructor and prototype with a clear error, never dropping them', async () => {
    const scope = { accountId: 'sandbox', region: 'sandbox-1' };
    const id = '0b3c6a4e-1f2d-4c5b-9a8e-7d6f5e4c3b2a';
    const spec = (validSamples['servers.create'] as { spec: Record<string, unknown> }).spec;
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      // JSON.parse (like structured cloning) makes an own property even of __proto__.
      const metadata = JSON.parse(`{"a":"1","${key}":"x"}`) as Record<string, string>;
      expect(Object.keys(metadata)).toContain(key);
      const payloads: [InvokeChannel, unknown, string][] = [
        ['servers.setMetadata', { ...scope, id, metadata }, 'metadata'],
        ['servers.createImage', { ...scope, id, name: 'img', metadata }, 'metadata'],
        ['servers.create', { ...scope, spec: { ...spec, metadata } }, 'spec.metadata'],
      ];
      for (const [channel, payload, field] of payloads) {
        const res = await ipc.dispatch(channel, payload, sender);
        expect(res, `${channel} with metadata key ${key}`).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION' },
        });
        if (!res.ok) expect(res.error.message).toContain(`${field}: must not use the reserved key "${key}"`);
      }
    }
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it('refuses random JSON-ish values and random channel names', async () => {
    const prng = new Prng(20240601);
    const rnd = (): number => prng.next();
    const atoms = [null, true, 0, -1, 1e308, '', '__proto__', 'x'.repeat(70_000), [], {}];
    const randomValue = (depth: number): unknown => {
      const r = rnd();
      if (depth > 3 || r < 0.4) return atoms[Math.floor(rnd() * atoms.length)];
      if (r < 0.7) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(rnd() * 4); i++)
        o[['id', 'ids', 'accountId', '__proto__', 'spec'][i] ?? 'k'] = randomValue(depth + 1);
      return o;
    };
    for (let i = 0; i < 400; i++) {
      const channel = INVOKE_CHANNELS[Math.floor(rnd() * INVOKE_CHANNELS.length)]!;
      const payload = randomValue(0);
      // Only payloads the schema refuses are checked here (a random {} is valid for a few channels).
      if (v.safeParse(invokeSchemas[channel] as v.GenericSchema, payload).success) continue;
      const res = await ipc.dispatch(channel, payload, sender);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('VALIDATION');
    }
    for (const bad of [
      '',
      'servers',
      'servers.list.x',
      '__proto__',
      'toString',
      'hasOwnProperty',
      'x'.repeat(100_000),
    ]) {
      const res = await ipc.dispatch(bad, {}, sender);
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('VALIDATION');
        expect(res.error.message.length).toBeLessThan(300);
      }
    }
    await expect(ipc.dispatch(42 as never, {}, sender)).resolves.toMatchObject({ ok: false });
  });

  it('never quotes a secret in a validation message', async () => {
    const secret = 'S3CRET-never-echo-me';
    for (const payload of [
      { ...validSamples['accounts.add'], secretKey: [secret] },
      { ...validSamples['accounts.add'], kind: 'password', password: { v: secret } },
      { ...validSamples['accounts.add'], kind: secret, secretKey: secret },
    ]) {
      const res = await ipc.dispatch('accounts.add', payload, sender);
      expect(res.ok).toBe(false);
      expect(JSON.stringify(res)).not.toContain(secret);
    }
  });

  it('refuses an untrusted sender before looking at the payload', async () => {
    for (const url of [undefined, 'https://evil.example/', 'harness']) {
      const res = await ipc.dispatch('app.info', {}, { url });
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Untrusted sender.' } });
    }
  });

  it('keeps answering valid calls afterwards', async () => {
    const info = await ipc.dispatch('app.info', {}, sender);
    expect(info).toMatchObject({ ok: true, value: { shell: 'harness' } });
    const list = await ipc.dispatch('accounts.list', {}, sender);
    expect(list.ok).toBe(true);
  });
});
