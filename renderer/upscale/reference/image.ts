/** An RGBA float32 image, top row first: the CPU reference's texture. */
export interface FloatImage {
  width: number;
  height: number;
  data: Float32Array;
}

export function createImage(width: number, height: number): FloatImage {
  return { width, height, data: new Float32Array(width * height * 4) };
}

export function imageToBytes(image: FloatImage): Uint8ClampedArray {
  const bytes = new Uint8ClampedArray(image.data.length);
  for (let index = 0; index < bytes.length; index++) bytes[index] = Math.round((image.data[index] ?? 0) * 255);
  return bytes;
}

export function crop(image: FloatImage, x: number, y: number, width: number, height: number): FloatImage {
  const result = createImage(width, height);
  for (let row = 0; row < height; row++) {
    const start = ((y + row) * image.width + x) * 4;
    result.data.set(image.data.subarray(start, start + width * 4), row * width * 4);
  }
  return result;
}

/** 2×2 box average: the protocol's way of making a low-resolution input with a known original. */
export function halve(image: FloatImage): FloatImage {
  const width = Math.floor(image.width / 2);
  const height = Math.floor(image.height / 2);
  const result = createImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < 4; channel++) {
        const at = (dx: number, dy: number) => image.data[((2 * y + dy) * image.width + 2 * x + dx) * 4 + channel] ?? 0;
        result.data[(y * width + x) * 4 + channel] = (at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) / 4;
      }
    }
  }
  return result;
}

/** Rounds every value to the nearest IEEE half float, as an RGBA16F texture stores it. */
export function roundToHalf(image: FloatImage): FloatImage {
  const data = new Float32Array(image.data.length);
  for (let index = 0; index < data.length; index++) data[index] = toHalf(image.data[index] ?? 0);
  return { width: image.width, height: image.height, data };
}

function toHalf(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.abs(value);
  if (magnitude >= 65520) return Math.sign(value) * Number.POSITIVE_INFINITY;
  const exponent = Math.max(Math.floor(Math.log2(magnitude)), -14);
  const step = 2 ** (exponent - 10);
  return Math.sign(value) * Math.round(magnitude / step) * step;
}
