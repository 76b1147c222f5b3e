import { createInflate, crc32 } from 'node:zlib';
import { KireiError } from '../../common/errors';

const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** An 8K picture with room to spare; the check and the file stay bounded by it. */
export const maximumPngPixels = 8192 * 5120;

const channelsByColourType: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const bitDepthsByColourType: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function refuse(why: string): KireiError {
  return new KireiError('invalid-request', 'The screenshot is not a PNG picture of the size the player drew, so it was not saved.', why);
}

/** The byte length of each filtered row, pass by pass (Adam7 has seven passes of smaller pictures). */
function rowLengths(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number[] {
  const passes = interlaced
    ? [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]]
    : [[0, 0, 1, 1]];
  const rows: number[] = [];
  for (const [x0, y0, dx, dy] of passes as [number, number, number, number][]) {
    const passWidth = Math.ceil((width - x0) / dx);
    const passHeight = Math.ceil((height - y0) / dy);
    if (passWidth <= 0 || passHeight <= 0) continue;
    for (let row = 0; row < passHeight; row++) rows.push(1 + Math.ceil((passWidth * bitsPerPixel) / 8));
  }
  return rows;
}

/**
 * Decodes a PNG far enough to know it is one, of exactly `width` × `height`: every chunk's CRC,
 * the header, and the compressed picture inflated (streamed, in bounded memory, off the main
 * thread) to exactly the bytes its rows need, each row starting with a valid filter.
 */
export async function checkPng(bytes: Uint8Array, width: number, height: number): Promise<void> {
  if (width * height > maximumPngPixels) throw refuse(`${width}×${height} is larger than Kirei saves`);
  if (bytes.length < signature.length || !signature.every((value, index) => bytes[index] === value)) throw refuse('no PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pictureData: Uint8Array[] = [];
  let header: { bitsPerPixel: number; interlaced: boolean } | null = null;
  let ended = false;
  for (let offset = signature.length; offset < bytes.length; ) {
    if (offset + 12 > bytes.length) throw refuse('a chunk is cut off');
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) throw refuse(`the ${type} chunk is cut off`);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) >>> 0 !== view.getUint32(offset + 8 + length)) throw refuse(`the ${type} chunk is damaged`);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (!header && type !== 'IHDR') throw refuse('no header first');
    if (type === 'IHDR') {
      if (header || length !== 13) throw refuse('a bad header');
      const chunk = new DataView(data.buffer, data.byteOffset, data.byteLength);
      const [bitDepth = 0, colourType = 0, compression, filter, interlace] = data.subarray(8);
      if (chunk.getUint32(0) !== width || chunk.getUint32(4) !== height) throw refuse(`${chunk.getUint32(0)}×${chunk.getUint32(4)}, not the announced ${width}×${height}`);
      if (!bitDepthsByColourType[colourType]?.includes(bitDepth) || compression !== 0 || filter !== 0 || (interlace !== 0 && interlace !== 1)) throw refuse('a header no PNG has');
      header = { bitsPerPixel: bitDepth * (channelsByColourType[colourType] ?? 0), interlaced: interlace === 1 };
    } else if (type === 'IDAT') pictureData.push(data);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    offset = end;
  }
  if (!header || !ended || pictureData.length === 0) throw refuse('it ends before the picture does');
  await inflatePicture(pictureData, rowLengths(width, height, header.bitsPerPixel, header.interlaced));
}

/** Inflates the picture data and walks its rows as they come, never holding the whole picture. */
function inflatePicture(parts: Uint8Array[], rows: number[]): Promise<void> {
  const expected = rows.reduce((sum, row) => sum + row, 0);
  return new Promise((resolve, reject) => {
    const inflate = createInflate();
    let seen = 0;
    let row = 0;
    let nextRowStart = 0;
    let failed = false;
    const fail = (why: string) => {
      if (failed) return;
      failed = true;
      inflate.destroy();
      reject(refuse(why));
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      if (seen + chunk.length > expected) return fail('more picture than its size holds');
      while (nextRowStart < seen + chunk.length) {
        if ((chunk[nextRowStart - seen] ?? 0) > 4) return fail(`row ${row + 1} has no valid filter`);
        nextRowStart += rows[row++] ?? Infinity;
      }
      seen += chunk.length;
    });
    inflate.on('error', () => fail('the compressed picture is damaged'));
    inflate.on('end', () => {
      if (failed) return;
      if (seen !== expected) fail(`the picture holds ${seen} of ${expected} bytes`);
      else resolve();
    });
    for (const part of parts) inflate.write(part);
    inflate.end();
  });
}
