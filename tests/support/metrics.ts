/** Image comparisons used by the correctness tests and the quality benchmark. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Float32Array;
}

const bt709 = [0.2126, 0.7152, 0.0722] as const;

function lumaPlane(image: RgbaImage): Float64Array {
  const plane = new Float64Array(image.width * image.height);
  for (let index = 0; index < plane.length; index++) {
    const clamp = (value: number) => Math.min(1, Math.max(0, value));
    plane[index] =
      bt709[0] * clamp(image.data[index * 4] ?? 0) + bt709[1] * clamp(image.data[index * 4 + 1] ?? 0) + bt709[2] * clamp(image.data[index * 4 + 2] ?? 0);
  }
  return plane;
}

function checkSizes(a: RgbaImage, b: RgbaImage): void {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`size ${a.width}×${a.height} ≠ ${b.width}×${b.height}`);
}

/** PSNR of BT.709 luma in dB, ignoring `border` pixels at each edge (as the corpus figures do). */
export function psnrY(a: RgbaImage, b: RgbaImage, border = 4): number {
  checkSizes(a, b);
  const left = lumaPlane(a);
  const right = lumaPlane(b);
  let sum = 0;
  let count = 0;
  for (let y = border; y < a.height - border; y++) {
    for (let x = border; x < a.width - border; x++) {
      const difference = (left[y * a.width + x] ?? 0) - (right[y * a.width + x] ?? 0);
      sum += difference * difference;
      count++;
    }
  }
  return 10 * Math.log10(1 / Math.max(sum / count, 1e-12));
}

/** PSNR over R, G and B of 8-bit-rounded values, ignoring `border` pixels: how close two renders are. */
export function psnrRgb(a: RgbaImage, b: RgbaImage, border = 0): number {
  checkSizes(a, b);
  let sum = 0;
  let count = 0;
  for (let y = border; y < a.height - border; y++) {
    for (let x = border; x < a.width - border; x++) {
      for (let channel = 0; channel < 3; channel++) {
        const index = (y * a.width + x) * 4 + channel;
        const difference = quantise(a.data[index] ?? 0) - quantise(b.data[index] ?? 0);
        sum += difference * difference;
        count++;
      }
    }
  }
  return 10 * Math.log10((255 * 255) / Math.max(sum / count, 1e-12));
}

function quantise(value: number): number {
  return Math.min(255, Math.max(0, Math.round(value * 255)));
}

/** Share of pixels whose R, G and B are all within `levels` 8-bit levels, and the largest difference. */
export function withinLevels(a: RgbaImage, b: RgbaImage, levels: number): { share: number; maximum: number } {
  checkSizes(a, b);
  let inside = 0;
  let maximum = 0;
  const pixels = a.width * a.height;
  for (let pixel = 0; pixel < pixels; pixel++) {
    let worst = 0;
    for (let channel = 0; channel < 3; channel++) {
      worst = Math.max(worst, Math.abs(quantise(a.data[pixel * 4 + channel] ?? 0) - quantise(b.data[pixel * 4 + channel] ?? 0)));
    }
    if (worst <= levels) inside++;
    maximum = Math.max(maximum, worst);
  }
  return { share: inside / pixels, maximum };
}

/** Largest absolute difference over R, G and B (floats, unclamped). */
export function maximumAbsoluteError(a: RgbaImage, b: RgbaImage): number {
  checkSizes(a, b);
  let maximum = 0;
  for (let index = 0; index < a.data.length; index++) {
    if (index % 4 === 3) continue;
    maximum = Math.max(maximum, Math.abs((a.data[index] ?? 0) - (b.data[index] ?? 0)));
  }
  return maximum;
}

/** Mean SSIM of BT.709 luma over 8×8 windows (stride 4), constants of Wang et al. 2004. */
export function ssimY(a: RgbaImage, b: RgbaImage, border = 4): number {
  checkSizes(a, b);
  const left = lumaPlane(a);
  const right = lumaPlane(b);
  const c1 = (0.01 * 1) ** 2;
  const c2 = (0.03 * 1) ** 2;
  const window = 8;
  let total = 0;
  let windows = 0;
  for (let y = border; y + window <= a.height - border; y += 4) {
    for (let x = border; x + window <= a.width - border; x += 4) {
      let meanA = 0;
      let meanB = 0;
      for (let dy = 0; dy < window; dy++) {
        for (let dx = 0; dx < window; dx++) {
          meanA += left[(y + dy) * a.width + x + dx] ?? 0;
          meanB += right[(y + dy) * a.width + x + dx] ?? 0;
        }
      }
      const n = window * window;
      meanA /= n;
      meanB /= n;
      let varianceA = 0;
      let varianceB = 0;
      let covariance = 0;
      for (let dy = 0; dy < window; dy++) {
        for (let dx = 0; dx < window; dx++) {
          const da = (left[(y + dy) * a.width + x + dx] ?? 0) - meanA;
          const db = (right[(y + dy) * a.width + x + dx] ?? 0) - meanB;
          varianceA += da * da;
          varianceB += db * db;
          covariance += da * db;
        }
      }
      varianceA /= n - 1;
      varianceB /= n - 1;
      covariance /= n - 1;
      total += ((2 * meanA * meanB + c1) * (2 * covariance + c2)) / ((meanA * meanA + meanB * meanB + c1) * (varianceA + varianceB + c2));
      windows++;
    }
  }
  return total / windows;
}
