/**
 * Draws the app icon — a small window (okienko) over a counter shelf — and writes
 * build/icon.png (512×512, Linux and the window icon) and build/icon.ico (16–256 px, Windows and
 * the NSIS installer). Plain Node: shapes are signed-distance functions, so every size is drawn
 * sharp instead of scaled down, and the PNG is written by hand with zlib.
 *
 *   tsx build/scripts/make-icons.ts [--outdir <dir>]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { isMainModule } from '../../electron/node/main-module';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Rgb = readonly [number, number, number];
interface RoundedBox {
  readonly cx: number;
  readonly cy: number;
  readonly hw: number;
  readonly hh: number;
  readonly r: number;
  readonly color: Rgb;
}

const NAVY: Rgb = [0x1e, 0x3a, 0x8a];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const GLASS: Rgb = [0x93, 0xc5, 0xfd];

/** The design, on a 512-unit canvas, painted in order. */
const SHAPES: readonly RoundedBox[] = [
  { cx: 256, cy: 256, hw: 240, hh: 240, r: 96, color: NAVY },
  // The window frame and its glass.
  { cx: 256, cy: 214, hw: 156, hh: 130, r: 28, color: WHITE },
  { cx: 256, cy: 214, hw: 128, hh: 102, r: 12, color: GLASS },
  // The window's cross bars.
  { cx: 256, cy: 214, hw: 12, hh: 102, r: 0, color: WHITE },
  { cx: 256, cy: 214, hw: 128, hh: 12, r: 0, color: WHITE },
  // The counter shelf.
  { cx: 256, cy: 392, hw: 196, hh: 22, r: 22, color: WHITE },
];

function distance(box: RoundedBox, x: number, y: number): number {
  const qx = Math.abs(x - box.cx) - (box.hw - box.r);
  const qy = Math.abs(y - box.cy) - (box.hh - box.r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - box.r;
}

/** RGBA pixels of the icon at `size`×`size`, anti-aliased by coverage. */
export function drawIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const unit = 512 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) * unit;
      const y = (py + 0.5) * unit;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const shape of SHAPES) {
        const coverage = Math.min(1, Math.max(0, 0.5 - distance(shape, x, y) / unit));
        if (coverage === 0) continue;
        // "over" compositing, premultiplied.
        r = shape.color[0] * coverage + r * (1 - coverage);
        g = shape.color[1] * coverage + g * (1 - coverage);
        b = shape.color[2] * coverage + b * (1 - coverage);
        a = coverage + a * (1 - coverage);
      }
      const i = (py * size + px) * 4;
      pixels[i] = a ? Math.round(r / a) : 0;
      pixels[i + 1] = a ? Math.round(g / a) : 0;
      pixels[i + 2] = a ? Math.round(b / a) : 0;
      pixels[i + 3] = Math.round(a * 255);
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour-with-alpha PNG (colour type 6, 8 bits, no filtering). */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** An .ico whose images are PNGs (read by Windows since Vista and by electron-builder/NSIS). */
export function encodeIco(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header[entry] = size >= 256 ? 0 : size;
    header[entry + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

export async function makeIcons(outDir = path.join(projectRoot, 'build')): Promise<{ png: string; ico: string }> {
  await mkdir(outDir, { recursive: true });
  const png = path.join(outDir, 'icon.png');
  const ico = path.join(outDir, 'icon.ico');
  await writeFile(png, encodePng(512, drawIcon(512)));
  await writeFile(ico, encodeIco(ICO_SIZES.map((size) => ({ size, png: encodePng(size, drawIcon(size)) }))));
  return { png, ico };
}

if (isMainModule(import.meta.url)) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' } }, strict: true });
  makeIcons(values.outdir ? path.resolve(values.outdir) : undefined).then(
    ({ png, ico }) =>
      process.stdout.write(`wrote ${path.relative(process.cwd(), png)}, ${path.relative(process.cwd(), ico)}\n`),
    (error: unknown) => {
      process.stderr.write(`make-icons: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
