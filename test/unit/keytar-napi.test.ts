import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDynamicSymbols } from '../helpers/elf';

// Why no `@electron/rebuild` step: keytar 7.9 is a Node-API addon, so the binary `npm ci` builds
// for Node loads in Electron as it is (Node-API is ABI-stable across Node and Electron versions).
const require = createRequire(import.meta.url);
const keytarDir = dirname(require.resolve('keytar/package.json'));
const addon = join(keytarDir, 'build/Release/keytar.node');

describe('keytar is a Node-API addon (no native rebuild for Electron)', () => {
  it('declares Node-API versions in its package.json', () => {
    const pkg = JSON.parse(readFileSync(join(keytarDir, 'package.json'), 'utf8')) as {
      version: string;
      binary?: { napi_versions?: number[] };
    };
    expect(pkg.version).toBe('7.9.0');
    expect(pkg.binary?.napi_versions).toContain(3);
  });

  it('the built .node exports napi_register_module_v1 and links to Node-API only, not to V8 or Node internals', () => {
    const symbols = readDynamicSymbols(readFileSync(addon));
    const exported = symbols.filter((s) => s.defined).map((s) => s.name);
    const imported = symbols.filter((s) => !s.defined).map((s) => s.name);
    expect(exported).toContain('napi_register_module_v1');
    expect(imported.filter((n) => n.startsWith('napi_')).length).toBeGreaterThan(10);
    // A classic (NAN / V8) addon imports mangled v8:: and node:: symbols and registers itself
    // through node_module_register; those are what tie a binary to one Node ABI.
    expect(imported.filter((n) => /^_ZN(2v8|4node)/.test(n) || n === 'node_module_register')).toEqual([]);
    expect(exported).not.toContain('node_register_module_v' + process.versions.modules);
  });

  it('agrees with nm -D where nm is installed', () => {
    const nm = spawnSync('nm', ['-D', '--defined-only', addon], { encoding: 'utf8' });
    if (nm.error) return; // no binutils on this machine: the reader above is the proof
    const defined = nm.stdout
      .split('\n')
      .map((l) => l.trim().split(/\s+/).pop() ?? '')
      .filter(Boolean);
    const ours = readDynamicSymbols(readFileSync(addon))
      .filter((s) => s.defined)
      .map((s) => s.name);
    expect(new Set(ours)).toEqual(new Set(defined));
  });

  it('refuses a file that is not an ELF shared object with a clear reason', () => {
    expect(() => readDynamicSymbols(Buffer.from('#!/bin/sh\necho not a binary\n'.padEnd(80)))).toThrow(
      /not an ELF file/,
    );
  });
});
