/**
 * What the picture says about how it was made: the height it was drawn at before the studio
 * upscaled it (as getnative finds it: descale with a kernel, and look for the height where the
 * error dips), how soft its lines are and how much compression noise and banding it carries.
 *
 * The whole measurement is one function that uses nothing from outside itself: the worker runs it
 * from its source text (pictureWorker.ts), so the main process never waits for it.
 */

/** One frame's luma, 8 bits, row after row. */
export interface LumaFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface NativeHeight {
  /** The height the picture was drawn at; null when it is the file's own (no upscale found). */
  height: number | null;
  /** The kernel whose descale fits: "bilinear", "bicubic b=0 c=0.5", "lanczos 3", …; null when native. */
  kernel: string | null;
  /** 0…1: how far the dip stands out from the error at neighbouring heights, and from any rival dip. */
  confidence: number;
  /** The error at the dip relative to the heights around it (0: perfect fit, 1: no dip at all). */
  depth: number;
}

export interface LineQuality {
  /** Median width of an edge's rise, in the file's pixels (about 1 for crisp line art, 2.5 or more for soft). */
  edgeWidth: number;
  /** Noise in flat areas, in 8-bit levels (Immerkær's estimate). */
  noise: number;
  /** How much stronger the steps on the 8-pixel block grid are than those beside it (1: none). */
  blockiness: number;
  /** Share of gentle gradients that show as flat bands with steps instead of a smooth ramp (0…1). */
  banding: number;
}

export interface PictureMeasurement {
  native: NativeHeight;
  lines: LineQuality;
  /** Frames measured (those that were black, flat or credits were left out before). */
  frames: number;
}

export interface MeasureOptions {
  /** Columns of the picture the descale is solved on, over all frames. */
  columns: number;
  /** Lowest candidate height as a share of the file's height. */
  lowestShare: number;
}

export const defaultMeasureOptions: MeasureOptions = { columns: 96, lowestShare: 0.44 };

export function measurePicture(frames: LumaFrame[], options: MeasureOptions): PictureMeasurement {
  interface Kernel {
    name: string;
    support: number;
    weight: (x: number) => number;
  }
  const sinc = (x: number) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));
  const bicubic = (b: number, c: number): Kernel => ({
    name: `bicubic b=${+b.toFixed(2)} c=${+c.toFixed(2)}`,
    support: 2,
    weight: (x) => {
      const a = Math.abs(x);
      if (a < 1) return ((12 - 9 * b - 6 * c) * a ** 3 + (-18 + 12 * b + 6 * c) * a * a + (6 - 2 * b)) / 6;
      if (a < 2) return ((-b - 6 * c) * a ** 3 + (6 * b + 30 * c) * a * a + (-12 * b - 48 * c) * a + (8 * b + 24 * c)) / 6;
      return 0;
    },
  });
  // The kernels studios and encoders upscale with (getnative's list, less the rare ones).
  const kernels: Kernel[] = [
    { name: 'bilinear', support: 1, weight: (x) => Math.max(0, 1 - Math.abs(x)) },
    bicubic(0, 0.5),
    bicubic(1 / 3, 1 / 3),
    bicubic(0, 0.75),
    { name: 'lanczos 3', support: 3, weight: (x) => (Math.abs(x) < 3 ? sinc(x) * sinc(x / 3) : 0) },
  ];

  const usable = frames.filter((frame) => frame.width > 0 && frame.height > 0 && frame.data.length >= frame.width * frame.height);
  const fileHeight = usable[0]?.height ?? 0;
  const sameSize = usable.filter((frame) => frame.height === fileHeight);

  /**
   * The columns the descale is solved on: those with the most vertical detail (flat columns fit
   * every height), spread over the width, as a matrix [row][column] with each column's mean taken
   * out (a constant fits every kernel exactly and only costs precision).
   */
  function pickColumns(): { values: Float64Array; count: number } {
    const perFrame = Math.max(4, Math.floor(options.columns / Math.max(1, sameSize.length)));
    const chosen: { frame: LumaFrame; x: number }[] = [];
    for (const frame of sameSize) {
      const { width, height, data } = frame;
      const detail: { x: number; amount: number }[] = [];
      for (let x = 4; x < width - 4; x += 2) {
        let amount = 0;
        for (let y = 1; y < height; y++) amount += Math.abs((data[y * width + x] ?? 0) - (data[(y - 1) * width + x] ?? 0));
        detail.push({ x, amount });
      }
      detail.sort((first, second) => second.amount - first.amount);
      const taken: number[] = [];
      for (const candidate of detail) {
        if (taken.length >= perFrame) break;
        if (taken.every((x) => Math.abs(x - candidate.x) >= 12)) taken.push(candidate.x);
      }
      for (const x of taken) chosen.push({ frame, x });
    }
    const count = chosen.length;
    const values = new Float64Array(fileHeight * count);
    chosen.forEach(({ frame, x }, column) => {
      let sum = 0;
      for (let y = 0; y < fileHeight; y++) sum += frame.data[y * frame.width + x] ?? 0;
      const mean = sum / fileHeight;
      for (let y = 0; y < fileHeight; y++) values[y * count + column] = ((frame.data[y * frame.width + x] ?? 0) - mean) / 255;
    });
    return { values, count };
  }

  /**
   * The squared error left per line when the columns are explained as `low` lines upscaled with
   * the kernel: ‖y‖² − ‖L⁻¹Aᵀy‖², where A upscales and AᵀA = LLᵀ (banded Cholesky). No picture
   * is rebuilt: the projection's length is enough.
   */
  function descaleError(columns: { values: Float64Array; count: number }, kernel: Kernel, low: number, energy: number): number {
    const high = fileHeight;
    const count = columns.count;
    const scale = low / high;
    const taps = 2 * kernel.support;
    // Each output line's weights over the low lines (mirrored at the borders, summing to 1).
    const first = new Int32Array(high);
    const weights = new Float64Array(high * taps);
    const indices = new Int32Array(high * taps);
    for (let y = 0; y < high; y++) {
      const centre = (y + 0.5) * scale - 0.5;
      const start = Math.floor(centre) - kernel.support + 1;
      first[y] = start;
      let total = 0;
      for (let tap = 0; tap < taps; tap++) {
        let index = start + tap;
        const weight = kernel.weight(centre - index);
        if (index < 0) index = -index - 1;
        if (index >= low) index = 2 * low - index - 1;
        indices[y * taps + tap] = Math.min(low - 1, Math.max(0, index));
        weights[y * taps + tap] = weight;
        total += weight;
      }
      for (let tap = 0; tap < taps; tap++) weights[y * taps + tap] = (weights[y * taps + tap] ?? 0) / total;
    }
    // AᵀA, banded: row j holds columns j … j+band.
    const band = taps + 1;
    const normal = new Float64Array(low * (band + 1));
    const projected = new Float64Array(low * count);
    for (let y = 0; y < high; y++) {
      for (let tap = 0; tap < taps; tap++) {
        const row = indices[y * taps + tap] ?? 0;
        const weight = weights[y * taps + tap] ?? 0;
        if (weight === 0) continue;
        for (let other = 0; other < taps; other++) {
          const column = indices[y * taps + other] ?? 0;
          if (column >= row && column - row <= band) normal[row * (band + 1) + (column - row)] = (normal[row * (band + 1) + (column - row)] ?? 0) + weight * (weights[y * taps + other] ?? 0);
        }
        const target = row * count;
        const source = y * count;
        for (let column = 0; column < count; column++) projected[target + column] = (projected[target + column] ?? 0) + weight * (columns.values[source + column] ?? 0);
      }
    }
    // Cholesky of the band in place (upper form: normal = UᵀU), a whisper of ridge for lines no output touches.
    for (let row = 0; row < low; row++) normal[row * (band + 1)] = (normal[row * (band + 1)] ?? 0) + 1e-9;
    for (let row = 0; row < low; row++) {
      for (let previous = Math.max(0, row - band); previous < row; previous++) {
        const factor = normal[previous * (band + 1) + (row - previous)] ?? 0;
        for (let column = row; column <= Math.min(low - 1, previous + band); column++) {
          normal[row * (band + 1) + (column - row)] = (normal[row * (band + 1) + (column - row)] ?? 0) - factor * (normal[previous * (band + 1) + (column - previous)] ?? 0);
        }
      }
      const pivot = Math.sqrt(Math.max(normal[row * (band + 1)] ?? 0, 1e-12));
      for (let offset = 0; offset <= band; offset++) normal[row * (band + 1) + offset] = (normal[row * (band + 1) + offset] ?? 0) / pivot;
    }
    // Forward substitution Uᵀz = Aᵀy; the explained energy is ‖z‖².
    let explained = 0;
    for (let row = 0; row < low; row++) {
      const diagonal = normal[row * (band + 1)] ?? 1;
      for (let column = 0; column < count; column++) {
        let value = projected[row * count + column] ?? 0;
        for (let previous = Math.max(0, row - band); previous < row; previous++) value -= (normal[previous * (band + 1) + (row - previous)] ?? 0) * (projected[previous * count + column] ?? 0);
        value /= diagonal;
        projected[row * count + column] = value;
        explained += value * value;
      }
    }
    // 8-bit rounding of the picture leaves 1/12 of a level squared per pixel that no height can
    // explain, less the share the descale absorbs: without taking it off, a picture smoother than
    // the rounding fits every height almost as well as the right one.
    const rounding = ((1 / 255) ** 2 / 12) * (1 - low / high);
    return Math.max(0, (energy - explained) / (high * count) - rounding);
  }

  /** Every other columns'th column: the coarse pass looks at a quarter of them. */
  function subset(columns: { values: Float64Array; count: number }, every: number): { values: Float64Array; count: number } {
    const count = Math.ceil(columns.count / every);
    const values = new Float64Array(fileHeight * count);
    for (let y = 0; y < fileHeight; y++) for (let column = 0; column < count; column++) values[y * count + column] = columns.values[y * columns.count + column * every] ?? 0;
    return { values, count };
  }

  const energyOf = (columns: { values: Float64Array }) => columns.values.reduce((sum, value) => sum + value * value, 0);

  /** The error at `low` over the median of the heights around it (not the nearest two): 0 a perfect dip, 1 none. */
  const reach = 12;
  function dipRatio(errorAt: (low: number) => number, low: number, lowest: number, highest: number): number {
    const around: number[] = [];
    for (let other = Math.max(lowest, low - reach); other <= Math.min(highest, low + reach); other++) if (Math.abs(other - low) > 2) around.push(errorAt(other));
    around.sort((first, second) => first - second);
    const baseline = around[Math.floor(around.length / 2)] ?? 0;
    return baseline > 0 ? errorAt(low) / baseline : 1;
  }

  /** How much stronger the steps between rows on the 8-line grid are than the others (1: no blocks). */
  function blockGridStrength(): number {
    let grid = 0;
    let gridCount = 0;
    let other = 0;
    let otherCount = 0;
    for (const { width, height, data } of sameSize) {
      for (let y = 1; y < height; y++) {
        for (let x = 0; x < width; x += 3) {
          const step = Math.abs((data[y * width + x] ?? 0) - (data[(y - 1) * width + x] ?? 0));
          if (step > 8) continue;
          if (y % 8 === 0) {
            grid += step;
            gridCount++;
          } else {
            other += step;
            otherCount++;
          }
        }
      }
    }
    return gridCount && otherCount && other > 0 ? grid / gridCount / (other / otherCount) : 1;
  }

  /**
   * Coarse, then fine: every candidate height and kernel on a quarter of the columns finds the
   * dips; all the columns then measure the few best dips again, and the kernel at the winner.
   */
  function estimateNative(): NativeHeight {
    const none: NativeHeight = { height: null, kernel: null, confidence: 0, depth: 1 };
    if (fileHeight < 400 || sameSize.length === 0) return none;
    const columns = pickColumns();
    if (columns.count === 0) return none;
    const energy = energyOf(columns);
    const coarse = subset(columns, 4);
    const coarseEnergy = energyOf(coarse);
    const lowest = Math.ceil(fileHeight * options.lowestShare);
    // Above 90 % of the file, descales fit codec noise as often as a drawing; no studio upscales by so little.
    const highest = Math.floor(fileHeight * 0.9);
    const coarseRatios = kernels.map((kernel) => {
      const errors = new Float64Array(highest + 1);
      for (let low = lowest; low <= highest; low++) errors[low] = descaleError(coarse, kernel, low, coarseEnergy);
      const ratios = new Float64Array(highest + 1).fill(1);
      for (let low = lowest; low <= highest; low++) ratios[low] = dipRatio((other) => errors[other] ?? 0, low, lowest, highest);
      return ratios;
    });
    // The two best dips of each kernel, a few lines apart.
    const candidates: { low: number; kernel: number }[] = [];
    coarseRatios.forEach((ratios, kernel) => {
      const order = Array.from({ length: highest - lowest + 1 }, (_, index) => lowest + index).sort((first, second) => (ratios[first] ?? 1) - (ratios[second] ?? 1));
      const taken: number[] = [];
      for (const low of order) {
        if (taken.length >= 2) break;
        if (taken.every((other) => Math.abs(other - low) > 4)) taken.push(low);
      }
      for (const low of taken) candidates.push({ low, kernel });
    });
    const fineErrors = new Map<string, number>();
    const fine = (kernel: number, low: number) => {
      const key = `${kernel}:${low}`;
      let error = fineErrors.get(key);
      const chosen = kernels[kernel];
      if (error === undefined && chosen) fineErrors.set(key, (error = descaleError(columns, chosen, low, energy)));
      return error ?? 0;
    };
    // JPEG and codec blocks repeat every 8 lines: the heights that put the low-resolution grid in
    // step with them (eighths of the file) dip on compressed pictures without having been drawn
    // there, so a dip there must be deep to count.
    const blocky = blockGridStrength() > 1.25;
    const blockAligned = (low: number) => Math.abs(((8 * low) / fileHeight) % 1) < 0.01 || Math.abs(((8 * low) / fileHeight) % 1) > 0.99;
    // Each fraction has its own bar (bench:native's frames): through x264, true dips at half the
    // file reach 0.22–0.39 and false ones stay above 0.6; at three quarters true ones reach
    // 0.18–0.44 and an untouched JPEG dipped falsely to 0.46; at seven eighths JPEG blocks alone
    // dip to 0.29.
    const eighths = (low: number) => Math.round((8 * low) / fileHeight);
    const bar = (low: number) => (eighths(low) === 4 ? 0.5 : eighths(low) === 6 ? 0.4 : blocky ? 0.25 : 0.3);
    const suspect = (low: number, ratio: number) => blockAligned(low) && ratio > bar(low);
    let best = { ratio: 1, low: 0, kernel: 0 };
    const measured: { low: number; ratio: number }[] = [];
    for (const candidate of candidates) {
      const ratio = dipRatio((other) => fine(candidate.kernel, other), candidate.low, lowest, highest);
      if (suspect(candidate.low, ratio)) continue;
      measured.push({ low: candidate.low, ratio });
      if (ratio < best.ratio) best = { ratio, low: candidate.low, kernel: candidate.kernel };
    }
    if (best.low === 0) return none;
    // Which kernel fits the winning height best.
    kernels.forEach((_, kernel) => {
      const ratio = dipRatio((other) => fine(kernel, other), best.low, lowest, highest);
      if (ratio < best.ratio) best = { ...best, ratio, kernel };
    });
    // The strongest other dip, measured on all the columns as the best was: a real dip stands alone.
    const rival = Math.min(1, ...measured.filter((other) => Math.abs(other.low - best.low) > 4).map((other) => other.ratio));
    const depth = best.ratio;
    const standsOut = Math.max(0, Math.min(1, (rival - depth) / Math.max(rival, 1e-9)));
    const confidence = Math.max(0, Math.min(1, (1 - depth) * standsOut));
    // Below this a dip is as likely chance as a drawing (bench:native: false dips on untouched
    // and compressed frames stay under 0.065, true ones through x264 reach 0.08 and more).
    if (depth > 0.8 || confidence < 0.07) return { ...none, depth };
    return { height: best.low, kernel: kernels[best.kernel]?.name ?? null, confidence, depth };
  }

  function measureLines(): LineQuality {
    const widths: number[] = [];
    let noiseSum = 0;
    let noiseCount = 0;
    let gridSteps = 0;
    let gridCount = 0;
    let otherSteps = 0;
    let otherCount = 0;
    let gentle = 0;
    let banded = 0;
    for (const frame of usable) {
      const { width, height, data } = frame;
      const at = (x: number, y: number) => data[y * width + x] ?? 0;
      for (let y = 2; y < height - 2; y += 2) {
        for (let x = 2; x < width - 2; x++) {
          const horizontal = at(x + 1, y) - at(x - 1, y);
          const vertical = at(x, y + 1) - at(x, y - 1);
          // Flat areas: the Laplacian-like mask that cancels planes measures the noise.
          if (Math.abs(horizontal) + Math.abs(vertical) < 6) {
            const mask = at(x - 1, y - 1) - 2 * at(x, y - 1) + at(x + 1, y - 1) - 2 * at(x - 1, y) + 4 * at(x, y) - 2 * at(x + 1, y) + at(x - 1, y + 1) - 2 * at(x, y + 1) + at(x + 1, y + 1);
            noiseSum += Math.abs(mask);
            noiseCount++;
            const step = Math.abs(at(x, y) - at(x - 1, y));
            if (x % 8 === 0) {
              gridSteps += step;
              gridCount++;
            } else {
              otherSteps += step;
              otherCount++;
            }
          }
        }
      }
      // Edges along rows: where the gradient peaks, walk out until it fades to a tenth.
      for (let y = 4; y < height - 4; y += 6) {
        for (let x = 3; x < width - 3; x++) {
          const gradient = at(x + 1, y) - at(x - 1, y);
          const strength = Math.abs(gradient);
          if (strength < 40) continue;
          if (strength < Math.abs(at(x, y) - at(x - 2, y)) || strength < Math.abs(at(x + 2, y) - at(x, y))) continue;
          const sign = Math.sign(gradient);
          let left = x;
          while (left > x - 8 && left > 1 && sign * (at(left, y) - at(left - 1, y)) > strength / 20) left--;
          let right = x;
          while (right < x + 8 && right < width - 2 && sign * (at(right + 1, y) - at(right, y)) > strength / 20) right++;
          const rise = Math.abs(at(right, y) - at(left, y));
          if (rise < 40) continue;
          widths.push((2 * rise) / strength);
          x = right;
        }
        // Gentle ramps of a few levels over 16 pixels: a smooth one changes a little at every
        // pixel (or dithers), a banded one holds for long runs and then steps.
        for (let x = 0; x + 16 < width; x += 16) {
          let lowest = 255;
          let highest = 0;
          let changes = 0;
          for (let step = 0; step < 16; step++) {
            const value = at(x + step, y);
            lowest = Math.min(lowest, value);
            highest = Math.max(highest, value);
            if (step > 0 && value !== at(x + step - 1, y)) changes++;
          }
          if (highest - lowest < 1 || highest - lowest > 4) continue;
          gentle++;
          if (changes <= highest - lowest) banded++;
        }
      }
    }
    widths.sort((first, second) => first - second);
    return {
      edgeWidth: widths.length ? (widths[Math.floor(widths.length / 2)] ?? 0) : 0,
      noise: noiseCount ? (Math.sqrt(Math.PI / 2) / 6) * (noiseSum / noiseCount) : 0,
      blockiness: otherCount && gridCount && otherSteps > 0 ? gridSteps / gridCount / (otherSteps / otherCount) : 1,
      banding: gentle ? banded / gentle : 0,
    };
  }

  return { native: estimateNative(), lines: measureLines(), frames: usable.length };
}
