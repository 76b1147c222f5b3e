import type { PassProgram, Size } from '../model';
import type { ConvLayer } from '../networks';
import { kernelWeight, scalerRadius } from '../scalers';
import type { FloatImage } from './image';
import { createImage } from './image';

/**
 * The CPU float32 twin of every pass program. Each function reads like its shader: clamp-to-edge
 * taps, the same order of operations, so the GPU can be checked against it pixel by pixel.
 */
export function runProgram(program: PassProgram, inputs: FloatImage[], size: Size): FloatImage {
  switch (program.kind) {
    case 'conv':
      return convolve(program.layer, inputs, size);
    case 'depth-to-space':
      return depthToSpace(program.channels, inputs, size);
    case 'luma-max':
      return lumaMax(first(inputs), program.axis, program.radius);
    case 'clamp-luma':
      return clampLuma(first(inputs), second(inputs));
    case 'bilinear':
      return bilinearResize(first(inputs), size);
    case 'scale':
      return kernelResize(first(inputs), size, program.scaler);
    case 'classic-upscale':
      return withLumaInAlpha(bilinearResize(first(inputs), size));
    case 'classic-thin':
      return classicThin(first(inputs), program.strength);
    case 'classic-gradient':
      return classicGradient(first(inputs));
    case 'classic-push':
      return classicPush(first(inputs), second(inputs), program.strength);
    case 'user':
    case 'planes':
    case 'planes-merge':
      throw new Error('mpv shader files run on the GPU only: there is no CPU twin of their GLSL');
  }
}

function first(inputs: FloatImage[]): FloatImage {
  const image = inputs[0];
  if (!image) throw new Error('missing input');
  return image;
}

function second(inputs: FloatImage[]): FloatImage {
  const image = inputs[1];
  if (!image) throw new Error('missing second input');
  return image;
}

const clampIndex = (value: number, limit: number) => (value < 0 ? 0 : value >= limit ? limit - 1 : value);

function pixelOffset(image: FloatImage, x: number, y: number): number {
  return (clampIndex(y, image.height) * image.width + clampIndex(x, image.width)) * 4;
}

export function convolve(layer: ConvLayer, inputs: FloatImage[], size: Size): FloatImage {
  const output = createImage(size.width, size.height);
  const tap = new Float32Array(4);
  const bias = layer.bias;
  for (let y = 0; y < size.height; y++) {
    for (let x = 0; x < size.width; x++) {
      let r = bias[0] ?? 0;
      let g = bias[1] ?? 0;
      let b = bias[2] ?? 0;
      let a = bias[3] ?? 0;
      for (const term of layer.terms) {
        const image = inputs[term.input] as FloatImage;
        const offset = pixelOffset(image, x + term.dx, y + term.dy);
        for (let channel = 0; channel < 4; channel++) {
          const value = image.data[offset + channel] ?? 0;
          tap[channel] = term.sign === 'identity' ? value : term.sign === 'positive' ? Math.max(value, 0) : Math.max(-value, 0);
        }
        const m = term.matrix;
        // Column-major: column j (m[4j..4j+3]) multiplies input channel j.
        for (let column = 0; column < 4; column++) {
          const value = tap[column] ?? 0;
          if (value === 0) continue;
          r += (m[column * 4] ?? 0) * value;
          g += (m[column * 4 + 1] ?? 0) * value;
          b += (m[column * 4 + 2] ?? 0) * value;
          a += (m[column * 4 + 3] ?? 0) * value;
        }
      }
      const target = (y * size.width + x) * 4;
      if (layer.residual) {
        const main = inputs[layer.inputs.length] as FloatImage;
        const offset = pixelOffset(main, x, y);
        r += main.data[offset] ?? 0;
        g += main.data[offset + 1] ?? 0;
        b += main.data[offset + 2] ?? 0;
        a += main.data[offset + 3] ?? 0;
      }
      output.data[target] = r;
      output.data[target + 1] = g;
      output.data[target + 2] = b;
      output.data[target + 3] = a;
    }
  }
  return output;
}

/** Bilinear sample at a position in texel space (texel centres at integers), clamped at the edges. */
export function sampleBilinear(image: FloatImage, x: number, y: number, channel: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (px: number, py: number) => image.data[pixelOffset(image, px, py) + channel] ?? 0;
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}

function depthToSpace(channels: 1 | 3, inputs: FloatImage[], size: Size): FloatImage {
  const output = createImage(size.width, size.height);
  const main = inputs[channels] as FloatImage;
  const scaleX = main.width / size.width;
  const scaleY = main.height / size.height;
  for (let y = 0; y < size.height; y++) {
    for (let x = 0; x < size.width; x++) {
      const subpixel = (y % 2) * 2 + (x % 2);
      const sourceX = (x + 0.5) * scaleX - 0.5;
      const sourceY = (y + 0.5) * scaleY - 0.5;
      const target = (y * size.width + x) * 4;
      for (let channel = 0; channel < 3; channel++) {
        const residualImage = inputs[channels === 1 ? 0 : channel] as FloatImage;
        const residual = residualImage.data[pixelOffset(residualImage, x >> 1, y >> 1) + subpixel] ?? 0;
        output.data[target + channel] = residual + sampleBilinear(main, sourceX, sourceY, channel);
      }
      output.data[target + 3] = 1;
    }
  }
  return output;
}

export const lumaWeights = [0.299, 0.587, 0.114] as const;

function luma(image: FloatImage, offset: number): number {
  return (
    lumaWeights[0] * (image.data[offset] ?? 0) +
    lumaWeights[1] * (image.data[offset + 1] ?? 0) +
    lumaWeights[2] * (image.data[offset + 2] ?? 0)
  );
}

function lumaMax(image: FloatImage, axis: 'x' | 'y', radius: number): FloatImage {
  const output = createImage(image.width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      let maximum = 0;
      for (let step = -radius; step <= radius; step++) {
        const offset = axis === 'x' ? pixelOffset(image, x + step, y) : pixelOffset(image, x, y + step);
        maximum = Math.max(maximum, axis === 'x' ? luma(image, offset) : (image.data[offset] ?? 0));
      }
      output.data[(y * image.width + x) * 4] = maximum;
    }
  }
  return output;
}

function clampLuma(image: FloatImage, statistics: FloatImage): FloatImage {
  const output = createImage(image.width, image.height);
  const scaleX = statistics.width / image.width;
  const scaleY = statistics.height / image.height;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const offset = (y * image.width + x) * 4;
      const current = luma(image, offset);
      const limit = sampleBilinear(statistics, (x + 0.5) * scaleX - 0.5, (y + 0.5) * scaleY - 0.5, 0);
      const excess = current - Math.min(current, limit);
      for (let channel = 0; channel < 3; channel++) output.data[offset + channel] = (image.data[offset + channel] ?? 0) - excess;
      output.data[offset + 3] = image.data[offset + 3] ?? 0;
    }
  }
  return output;
}

export function bilinearResize(image: FloatImage, size: Size): FloatImage {
  const output = createImage(size.width, size.height);
  const scaleX = image.width / size.width;
  const scaleY = image.height / size.height;
  for (let y = 0; y < size.height; y++) {
    for (let x = 0; x < size.width; x++) {
      for (let channel = 0; channel < 4; channel++) {
        output.data[(y * size.width + x) * 4 + channel] = sampleBilinear(image, (x + 0.5) * scaleX - 0.5, (y + 0.5) * scaleY - 0.5, channel);
      }
    }
  }
  return output;
}

/** Separable resampling with a reference kernel, stretched when shrinking; the twin of resample.frag. */
export function kernelResize(image: FloatImage, size: Size, kind: 'bilinear' | 'catmull-rom' | 'mitchell' | 'lanczos3'): FloatImage {
  const horizontal = resampleAxis(image, size.width, image.height, 'x', kind);
  return resampleAxis(horizontal, size.width, size.height, 'y', kind);
}

function resampleAxis(
  image: FloatImage,
  width: number,
  height: number,
  axis: 'x' | 'y',
  kind: 'bilinear' | 'catmull-rom' | 'mitchell' | 'lanczos3',
): FloatImage {
  const output = createImage(width, height);
  const scale = axis === 'x' ? image.width / width : image.height / height;
  const stretch = Math.max(scale, 1);
  const support = scalerRadius[kind] * stretch;
  const count = axis === 'x' ? width : height;
  for (let index = 0; index < count; index++) {
    const center = (index + 0.5) * scale - 0.5;
    const firstTap = Math.ceil(center - support);
    const lastTap = Math.floor(center + support);
    const weights: number[] = [];
    let total = 0;
    for (let tap = firstTap; tap <= lastTap; tap++) {
      const weight = kernelWeight(kind, (tap - center) / stretch);
      weights.push(weight);
      total += weight;
    }
    const other = axis === 'x' ? height : width;
    for (let across = 0; across < other; across++) {
      const target = axis === 'x' ? (across * width + index) * 4 : (index * width + across) * 4;
      for (let channel = 0; channel < 4; channel++) {
        let sum = 0;
        for (let tap = firstTap; tap <= lastTap; tap++) {
          const offset = axis === 'x' ? pixelOffset(image, tap, across) : pixelOffset(image, across, tap);
          sum += (weights[tap - firstTap] ?? 0) * (image.data[offset + channel] ?? 0);
        }
        output.data[target + channel] = sum / total;
      }
    }
  }
  return output;
}

// The classic algorithm (Anime4K 2019). Neighbours are named by compass direction around the centre.
type Neighbourhood = Float32Array[];

/**
 * Comparisons of the classic passes must win by this margin. Without it, near-ties in flat
 * gradients flip between GPUs (half-float storage, operation order) and the picture flickers.
 */
export const classicMargin = 1 / 512;

function neighbourhood(image: FloatImage, x: number, y: number): Neighbourhood {
  const result: Float32Array[] = [];
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const offset = pixelOffset(image, x + dx, y + dy);
      result.push(image.data.subarray(offset, offset + 4));
    }
  }
  return result;
}

/**
 * The eight directions as (side that may push, opposite side) triples of neighbour indices in a
 * 3×3 block (0 1 2 / 3 4 5 / 6 7 8). Straight directions use the full row or column; diagonals
 * use the corner and its two neighbours, the opposite side includes the centre.
 */
export const classicDirections: { push: [number, number, number]; opposite: [number, number, number] }[] = [
  { push: [0, 1, 2], opposite: [6, 7, 8] },
  { push: [6, 7, 8], opposite: [0, 1, 2] },
  { push: [0, 3, 6], opposite: [2, 5, 8] },
  { push: [2, 5, 8], opposite: [0, 3, 6] },
  { push: [1, 2, 5], opposite: [3, 4, 7] },
  { push: [3, 6, 7], opposite: [1, 4, 5] },
  { push: [0, 1, 3], opposite: [4, 5, 7] },
  { push: [5, 7, 8], opposite: [1, 3, 4] },
];

function withLumaInAlpha(image: FloatImage): FloatImage {
  for (let offset = 0; offset < image.data.length; offset += 4) image.data[offset + 3] = luma(image, offset);
  return image;
}

/** Line thinning: where a light side faces a darker centre, the centre takes some of the light colour. */
function classicThin(image: FloatImage, strength: number): FloatImage {
  const output = createImage(image.width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const around = neighbourhood(image, x, y);
      const centre = around[4] as Float32Array;
      let best = centre;
      let bestLuma = centre[3] ?? 0;
      for (const direction of classicDirections) {
        const side = direction.push.map((index) => (around[index] as Float32Array)[3] ?? 0);
        const opposite = direction.opposite.map((index) => (around[index] as Float32Array)[3] ?? 0);
        const lightest = Math.min(...side);
        if (lightest > (centre[3] ?? 0) + classicMargin && lightest > Math.max(...opposite) + classicMargin) {
          const candidate = blendTowards(centre, direction.push.map((index) => around[index] as Float32Array), strength);
          if ((candidate[3] ?? 0) > bestLuma) {
            best = candidate;
            bestLuma = candidate[3] ?? 0;
          }
        }
      }
      output.data.set(best, (y * image.width + x) * 4);
    }
  }
  return withLumaInAlpha(output);
}

function blendTowards(centre: Float32Array, side: Float32Array[], strength: number): Float32Array {
  const result = new Float32Array(4);
  for (let channel = 0; channel < 4; channel++) {
    const mean = side.reduce((sum, pixel) => sum + (pixel[channel] ?? 0), 0) / side.length;
    result[channel] = (centre[channel] ?? 0) * (1 - strength) + mean * strength;
  }
  return result;
}

function classicGradient(image: FloatImage): FloatImage {
  const output = createImage(image.width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const l = neighbourhood(image, x, y).map((pixel) => pixel[3] ?? 0);
      const at = (index: number) => l[index] ?? 0;
      const gx = at(2) + 2 * at(5) + at(8) - (at(0) + 2 * at(3) + at(6));
      const gy = at(6) + 2 * at(7) + at(8) - (at(0) + 2 * at(1) + at(2));
      output.data[(y * image.width + x) * 4] = 1 - Math.min(1, Math.sqrt(gx * gx + gy * gy));
    }
  }
  return output;
}

/** Gradient ascent: a pixel in a valley of 1 − |∇| (an edge) takes the colour of the flatter side. */
function classicPush(image: FloatImage, gradient: FloatImage, strength: number): FloatImage {
  const output = createImage(image.width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const around = neighbourhood(image, x, y);
      const heights = neighbourhood(gradient, x, y).map((pixel) => pixel[0] ?? 0);
      let result = around[4] as Float32Array;
      for (const direction of classicDirections) {
        const side = Math.min(...direction.push.map((index) => heights[index] ?? 0));
        const opposite = Math.max(...direction.opposite.map((index) => heights[index] ?? 0), heights[4] ?? 0);
        if (side > opposite + classicMargin) {
          result = blendTowards(around[4] as Float32Array, direction.push.map((index) => around[index] as Float32Array), strength);
          break;
        }
      }
      output.data.set(result, (y * image.width + x) * 4);
    }
  }
  return withLumaInAlpha(output);
}
