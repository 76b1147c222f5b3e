import type { FloatImage } from '../../../renderer/upscale/reference/image';
import { createImage } from '../../../renderer/upscale/reference/image';

/** Images already decoded, by URL: a test runs many chains over the same few frames. */
const decoded = new Map<string, Promise<FloatImage>>();

/**
 * Decodes an image file served next to the page, without colour management or premultiplication;
 * each URL is fetched and decoded once per page (a busy machine need not serve a 1080p PNG again
 * for every network), and a fetch that fails is tried again by the next caller.
 */
export function loadImage(url: string): Promise<FloatImage> {
  const known = decoded.get(url);
  if (known) return known;
  const loading = decodeImage(url);
  decoded.set(url, loading);
  loading.catch(() => decoded.delete(url));
  return loading;
}

async function decodeImage(url: string): Promise<FloatImage> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bitmap = await createImageBitmap(await response.blob(), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { colorSpace: 'srgb' });
  if (!context) throw new Error('no 2D canvas');
  context.drawImage(bitmap, 0, 0);
  const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const image = createImage(bitmap.width, bitmap.height);
  for (let index = 0; index < pixels.length; index++) image.data[index] = (pixels[index] ?? 0) / 255;
  // Alpha is opaque for video; the corpus's RGBA stills keep theirs, which the CNNs ignore.
  return image;
}

/** Deterministic anime-like test card: flat regions, dark lines, gradients (for timing only). */
export function testCard(width: number, height: number): FloatImage {
  const image = createImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 4;
      const u = x / width;
      const v = y / height;
      const ring = Math.abs(Math.hypot(u - 0.5, v - 0.5) - 0.3) < 0.004 ? 0.1 : 1;
      const band = Math.floor(u * 12 + v * 5) % 3;
      image.data[offset] = ring * (0.55 + 0.3 * band / 2);
      image.data[offset + 1] = ring * (0.45 + 0.4 * v);
      image.data[offset + 2] = ring * (0.7 - 0.3 * u);
      image.data[offset + 3] = 1;
    }
  }
  return image;
}
