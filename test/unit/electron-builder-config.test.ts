import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ICON_SIZES } from '../../scripts/make-icons';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

// electron-builder's own loader and schema check (what `electron-builder` runs before packaging);
// app-builder-lib is electron-builder's engine, installed with it at the same version.
interface BuilderConfig {
  [key: string]: unknown;
  appId?: string;
  productName?: string;
  artifactName?: string;
  files?: unknown[];
  asarUnpack?: string[];
  npmRebuild?: boolean;
  directories?: { output?: string; buildResources?: string };
  linux?: {
    target?: string[];
    icon?: string;
    executableName?: string;
    desktop?: { entry?: Record<string, string> };
  };
  mac?: { target?: (string | { target: string; arch?: string[] })[]; icon?: string };
  win?: { target?: { target: string; arch?: string[] }[]; icon?: string };
}
const builderLib = createRequire(require.resolve('app-builder-lib/package.json'));
const { getConfig, validateConfiguration } = builderLib('./out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const { minimatch } = builderLib('minimatch') as { minimatch(path: string, pattern: string): boolean };
const quietLogger = { isEnabled: false, add() {} };

const config = await getConfig(root, null, null);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('is loaded by electron-builder and valid against its schema', async () => {
    expect(config.appId).toBe('io.github.ecsdesktop.app');
    expect(config.productName).toBe('ECS Desktop');
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  }, 60_000);

  it('is rejected by the same check when an option is misspelt or has the wrong type', async () => {
    await expect(
      validateConfiguration(
        { ...config, linux: { ...config.linux, targets: ['deb'] } } as BuilderConfig,
        quietLogger,
      ),
    ).rejects.toThrow(/Invalid configuration object/);
    await expect(
      validateConfiguration({ ...config, npmRebuild: 'no' } as unknown as BuilderConfig, quietLogger),
    ).rejects.toThrow(/npmRebuild/);
  }, 60_000);

  it('builds AppImage, deb and rpm with a desktop entry, dmg and zip, and an NSIS installer', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.linux?.executableName).toBe('ecs-desktop');
    expect(config.linux?.desktop?.entry).toMatchObject({
      Name: 'ECS Desktop',
      Categories: 'Network;System;',
    });
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    // No arch on macOS: each Mac of the release matrix (Intel, Apple Silicon) builds its own.
    expect(JSON.stringify(config.mac)).not.toContain('arch');
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('names artifacts with the version and ships only the build and package.json', () => {
    expect(config.artifactName).toContain('${version}');
    expect(config.artifactName).toContain('${arch}');
    // electron-builder normalizes the list into one filter set.
    expect(config.files).toEqual([{ filter: ['out/**', 'package.json'] }]);
    expect(config.directories).toMatchObject({ output: 'dist', buildResources: 'build' });
  });

  it("unpacks keytar's Node-API binary from the asar and does not rebuild it", () => {
    const unpacked = (path: string) => (config.asarUnpack ?? []).some((p) => minimatch(path, p));
    expect(unpacked('node_modules/keytar/build/Release/keytar.node')).toBe(true);
    expect(unpacked('node_modules/keytar/lib/keytar.js')).toBe(false);
    expect(unpacked('out/main/index.js')).toBe(false);
    expect(config.npmRebuild).toBe(false);
  });

  it('uses icons generated from build/icon.svg at every size', () => {
    expect(readFileSync(join(root, 'build/icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
    expect(config.linux?.icon).toBe('build/icons');
    const pngs = readdirSync(join(root, 'build/icons')).sort((a, b) => parseInt(a) - parseInt(b));
    expect(pngs).toEqual(ICON_SIZES.map((s) => `${s}x${s}.png`));
    for (const size of ICON_SIZES)
      expect(pngSize(join(root, `build/icons/${size}x${size}.png`))).toEqual([size, size]);
    expect(pngSize(join(root, 'build/icon.png'))).toEqual([1024, 1024]);
    // ICO: reserved 0, type 1, then the image count; ICNS: magic and total length.
    const ico = readFileSync(join(root, config.win!.icon!));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5);
    const icns = readFileSync(join(root, config.mac!.icon!));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });
});
