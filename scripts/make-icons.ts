/**
 * `npm run icons`: renders build/icon.svg (the one source of the app icon) to every size the
 * installers use, and commits nothing by itself. Outputs (all checked in, so packaging never needs
 * this script or a browser): build/icons/<N>x<N>.png for N in ICON_SIZES (Linux, and the window
 * icon), build/icon.png (1024 px), build/icon.ico (Windows) and build/icon.icns (macOS).
 *
 * The SVG is rasterized by Chromium (the browser the end-to-end tests already drive), each size
 * rendered from the vector rather than scaled down from a bitmap; png2icons packs the .ico and .icns.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import png2icons from 'png2icons';
import { launchBrowser } from '../test/e2e/browser';

/** Square sizes, in pixels, rendered to build/icons/. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '../build');

async function main(): Promise<void> {
  const svg = readFileSync(join(buildDir, 'icon.svg'), 'utf8');
  const browser = await launchBrowser();
  const outputs: string[] = [];
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    mkdirSync(join(buildDir, 'icons'), { recursive: true });
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${size}" height="${size}">`,
      );
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      const png = await page.screenshot({
        omitBackground: true,
        clip: { x: 0, y: 0, width: size, height: size },
      });
      const file = join(buildDir, 'icons', `${size}x${size}.png`);
      writeFileSync(file, png);
      outputs.push(file);
      if (size === 1024) {
        writeFileSync(join(buildDir, 'icon.png'), png);
        outputs.push(join(buildDir, 'icon.png'));
      }
    }
  } finally {
    await browser.close();
  }
  // png2icons scales the 1024 px render down to each chunk size it stores (ICO: 16-256, ICNS: 16-1024).
  const master = readFileSync(join(buildDir, 'icon.png'));
  const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, false, true);
  const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
  if (!ico || !icns) throw new Error('png2icons could not convert build/icon.png');
  writeFileSync(join(buildDir, 'icon.ico'), ico);
  writeFileSync(join(buildDir, 'icon.icns'), icns);
  outputs.push(join(buildDir, 'icon.ico'), join(buildDir, 'icon.icns'));
  for (const file of outputs) console.log(`wrote ${file.slice(buildDir.length - 'build'.length)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`make-icons: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
