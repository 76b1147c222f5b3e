import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, 0–1, top row first. */
  data: Float32Array;
}

/**
 * Decodes any image ffmpeg reads (PNG 8/16-bit, JPEG) to RGBA floats. 8-bit images are read as
 * bytes and divided by 255, exactly: ffmpeg's widening of 8 to 16 bits is inexact (255 → 65283,
 * 239 → 61184), which would leave every picture up to a level too dark. 16-bit ones keep 16 bits.
 */
export async function readImage(file: string): Promise<DecodedImage> {
  const probe = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,pix_fmt', '-of', 'csv=p=0', file]);
  const [widthText = '0', heightText = '0', pixelFormat = ''] = probe.stdout.trim().split(',');
  const [width, height] = [Number(widthText), Number(heightText)];
  const wide = /(48|64|16)(le|be)$/.test(pixelFormat);
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', wide ? 'rgba64le' : 'rgba', '-'], {
    encoding: 'buffer',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (!wide) {
    const data = new Float32Array(stdout.byteLength);
    for (let index = 0; index < stdout.byteLength; index++) data[index] = (stdout[index] ?? 0) / 255;
    return { width, height, data };
  }
  const words = new Uint16Array(stdout.buffer, stdout.byteOffset, stdout.byteLength / 2);
  const data = new Float32Array(words.length);
  for (let index = 0; index < words.length; index++) data[index] = (words[index] ?? 0) / 65535;
  return { width, height, data };
}

/** Writes RGBA floats as an 8-bit PNG. */
export async function writePng(file: string, image: DecodedImage): Promise<void> {
  const bytes = Buffer.alloc(image.data.length);
  for (let index = 0; index < bytes.length; index++) bytes[index] = Math.max(0, Math.min(255, Math.round((image.data[index] ?? 0) * 255)));
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      'ffmpeg',
      ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${image.width}x${image.height}`, '-i', '-', file],
      (error) => (error ? reject(new Error(error.message)) : resolve()),
    );
    child.stdin?.end(bytes);
  });
}

/** An 8-bit RGBA image, as screenshots give. */
export interface Rgba8Image {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Decodes PNG bytes (a screenshot) to 8-bit RGBA; the size comes from the PNG header. */
export function decodePng(png: Buffer): Promise<Rgba8Image> {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  return new Promise((resolve, reject) => {
    const child = execFile(
      'ffmpeg',
      ['-v', 'error', '-f', 'png_pipe', '-i', '-', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
      { encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 },
      (error, stdout) => (error ? reject(new Error(error.message)) : resolve({ width, height, data: new Uint8Array(stdout) })),
    );
    child.stdin?.end(png);
  });
}
