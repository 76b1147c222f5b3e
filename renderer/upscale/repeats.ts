/**
 * Repeated drawings. Anime is drawn "on twos and threes": many decoded frames show the drawing of
 * the frame before, differing only by codec noise. Such a frame may show the upscaled picture of
 * the last frame that was computed instead of running the network again. The test is strict on
 * purpose — a wrong reuse shows a stale picture, a missed one only costs GPU time:
 *
 * - luma is compared with the last *computed* frame (not the last shown), so slow change cannot
 *   creep through a run of reused frames;
 * - per 16×16 tile, the mean squared difference and the largest single difference must stay within
 *   codec noise (x264 refining a held drawing after a key frame reaches a tile mean square of ~6
 *   and single pixels of ~23 levels): a pan of one pixel moves every edge by a pixel, which a tile
 *   with an edge sees in the thousands;
 * - over the whole picture, the mean squared difference must stay far under what the eye or PSNR
 *   notices (held drawings: under 0.06; light film grain: over 2.5), and the mean signed
 *   difference near zero: a fade moves every pixel the same way by a little, which the mean sees.
 *
 * The GPU shaders (WebGL2 and WebGPU) compute the same statistics; this module holds the limits
 * and the CPU reference the tests check them against.
 */

/** Tiles are this many pixels square. */
export const repeatTile = 16;

/** The limits, in 8-bit luma levels (0–255). */
export const repeatLimits = {
  /** Mean squared difference within a tile. */
  tileMeanSquare: 10,
  /** Largest difference of one pixel within a tile (a blink, a mouth flap). */
  tileLargest: 32,
  /** Mean squared difference over the whole picture (0.5: the input alone would be 51 dB PSNR). */
  globalMeanSquare: 0.5,
  /** Mean signed difference over the whole picture (a fade of a third of a level per frame is seen). */
  globalMean: 0.35,
} as const;

/** BT.709 luma weights: the detector looks at brightness, where the eye and the networks look. */
export const lumaWeights = [0.2126, 0.7152, 0.0722] as const;

export interface RepeatStatistics {
  /** Tiles over a per-tile limit. */
  changedTiles: number;
  /** Mean signed difference (current − reference) over the picture, in levels. */
  meanDifference: number;
  /** Mean squared difference over the picture, in levels². */
  meanSquare: number;
}

/** Whether a frame with these statistics shows the drawing of the reference frame. */
export function sameDrawing(statistics: RepeatStatistics): boolean {
  return statistics.changedTiles === 0 && Math.abs(statistics.meanDifference) <= repeatLimits.globalMean && statistics.meanSquare <= repeatLimits.globalMeanSquare;
}

/** Whether one tile's figures exceed codec noise. */
export function tileChanged(meanSquare: number, largest: number): boolean {
  return meanSquare > repeatLimits.tileMeanSquare || largest > repeatLimits.tileLargest;
}

/** Luma in levels (0–255) of RGBA bytes, row by row. */
export function lumaOf(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Float32Array {
  const luma = new Float32Array(width * height);
  for (let index = 0; index < luma.length; index++) {
    const offset = index * 4;
    luma[index] = lumaWeights[0] * (rgba[offset] ?? 0) + lumaWeights[1] * (rgba[offset + 1] ?? 0) + lumaWeights[2] * (rgba[offset + 2] ?? 0);
  }
  return luma;
}

/** The statistics of two luma pictures of the same size, as the GPU computes them. */
export function compareDrawings(current: Float32Array, reference: Float32Array, width: number, height: number): RepeatStatistics {
  let changedTiles = 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (let tileY = 0; tileY < height; tileY += repeatTile) {
    for (let tileX = 0; tileX < width; tileX += repeatTile) {
      let squares = 0;
      let largest = 0;
      let count = 0;
      for (let y = tileY; y < Math.min(height, tileY + repeatTile); y++) {
        for (let x = tileX; x < Math.min(width, tileX + repeatTile); x++) {
          const difference = (current[y * width + x] ?? 0) - (reference[y * width + x] ?? 0);
          squares += difference * difference;
          largest = Math.max(largest, Math.abs(difference));
          sum += difference;
          count++;
        }
      }
      if (tileChanged(squares / count, largest)) changedTiles++;
      sumOfSquares += squares;
    }
  }
  const pixels = Math.max(1, width * height);
  return { changedTiles, meanDifference: sum / pixels, meanSquare: sumOfSquares / pixels };
}
