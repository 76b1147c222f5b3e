import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldNegativeHalves } from '../../../../../renderer/upscale/crelu';
import type { ConvLayer, NetworkDescription } from '../../../../../renderer/upscale/networks';
import { digitsOf, fitsIntegerMatrices, matrixConvShader, matrixWeights } from '../../../../../renderer/upscale/webgpu/matrixConv';

const folder = path.resolve(import.meta.dirname, '../../../../../build/generated/networks');
const network = (id: string) => JSON.parse(readFileSync(path.join(folder, `${id}.json`), 'utf8')) as NetworkDescription;

/** A middle layer group of the VL network (two 4-channel layers over the same two inputs), folded as the pipeline folds it. */
function middleGroup(): ConvLayer[] {
  const layers = network('restore-cnn-vl').layers.filter((layer) => layer.kernel === 3 && layer.inputs.length === 2 && !layer.residual);
  const first = layers[0] as ConvLayer;
  const partner = layers.find((layer) => layer !== first && layer.inputs.join() === first.inputs.join()) as ConvLayer;
  return [first, partner].map(foldNegativeHalves);
}

/** A float 3×3 convolution at one pixel of a field of 8-channel values. */
function floatOutput(layers: ConvLayer[], field: (dx: number, dy: number, input: number) => number[]): number[] {
  return layers.flatMap((layer) => {
    const sum = [...layer.bias];
    for (const term of layer.terms) {
      const texel = field(term.dx, term.dy, term.input);
      const value = texel.map((x) => (term.sign === 'identity' ? x : term.sign === 'positive' ? Math.max(x, 0) : Math.max(-x, 0)));
      for (let row = 0; row < 4; row++) for (let column = 0; column < 4; column++) sum[row] = (sum[row] ?? 0) + (term.matrix[column * 4 + row] ?? 0) * (value[column] ?? 0);
    }
    return sum;
  });
}

/** What the kernel computes at that pixel: values as two digits against the tile's largest, three byte products, sums in float. */
function integerOutput(layers: ConvLayer[], field: (dx: number, dy: number, input: number) => number[], tileLargest: number): number[] {
  const { digits, scales, biases } = matrixWeights(layers);
  const range = 127 * 128;
  const toInteger = range / tileLargest;
  const out: number[] = [];
  const taps: [number, number][] = [];
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) taps.push([dx, dy]);
  for (let n = 0; n < 8; n++) {
    const products = [0, 0, 0];
    taps.forEach(([dx, dy], tap) => {
      const left: number[] = [];
      const lows: number[] = [];
      for (let input = 0; input < 2; input++) {
        const q = field(dx, dy, input).map((x) => Math.max(-range, Math.min(range, Math.round(x * toInteger))));
        for (const value of [q, q.map((x) => Math.max(x, 0))]) {
          for (const x of value) {
            const [high, low] = digitsOf(x);
            left.push(high);
            lows.push(low);
          }
        }
      }
      const row = [...left, ...lows];
      for (let product = 0; product < 3; product++) {
        for (let k = 0; k < 32; k++) products[product] = (products[product] ?? 0) + (row[k] ?? 0) * (digits[tap * 768 + product * 256 + k * 8 + n] ?? 0);
      }
    });
    const total = (products[0] ?? 0) * 16384 + (products[1] ?? 0) * 128 + (products[2] ?? 0);
    out.push((biases[n] ?? 0) + (total * (scales[n] ?? 0)) / toInteger);
  }
  return out;
}

describe('convolutions on 8-bit matrix units', () => {
  it('takes the VL middle layers and leaves the others to the float kernels', () => {
    const layers = middleGroup();
    expect(fitsIntegerMatrices(layers, 3, false)).toBe(true);
    expect(fitsIntegerMatrices(layers.slice(0, 1), 3, false)).toBe(false);
    const small = network('restore-cnn-m').layers.filter((layer) => layer.kernel === 3).map(foldNegativeHalves);
    expect(fitsIntegerMatrices(small.slice(1, 3), 3, false)).toBe(false);
  });

  it('splits every integer within the range into two digits that fit a signed byte', () => {
    for (const value of [-16256, -16193, -16192, -8000, -65, -64, -1, 0, 1, 63, 64, 8191, 16255, 16256]) {
      const [high, low] = digitsOf(value);
      expect(high * 128 + low).toBe(value);
      expect(Math.abs(high)).toBeLessThanOrEqual(127);
      expect(low).toBeGreaterThanOrEqual(-64);
      expect(low).toBeLessThanOrEqual(64);
    }
  });

  it('computes what the float convolution computes, within the rounding of the half floats the layers are stored in', () => {
    const layers = middleGroup();
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    for (let trial = 0; trial < 20; trial++) {
      const values = new Map<string, number[]>();
      // Activations of a few units, one of them much larger: the small ones lose the most to the shared scale.
      const spread = trial % 2 === 0 ? 0.6 : 4;
      const field = (dx: number, dy: number, input: number) => {
        const key = `${dx},${dy},${input}`;
        if (!values.has(key)) values.set(key, [random() * spread, random() * spread, random() * 0.05, random()]);
        return values.get(key) as number[];
      };
      const expected = floatOutput(layers, field);
      const largest = Math.max(...[...Array(9).keys()].flatMap((tap) => [0, 1].flatMap((input) => field((tap % 3) - 1, Math.floor(tap / 3) - 1, input).map(Math.abs))));
      const actual = integerOutput(layers, field, largest * 1.5);
      // Half a step of a half float (11 significant bits) at the outputs' magnitude.
      const halfStep = Math.max(...expected.map(Math.abs), 1) * 2 ** -11;
      for (let n = 0; n < 8; n++) expect(Math.abs((actual[n] ?? 0) - (expected[n] ?? 0))).toBeLessThan(halfStep);
    }
  });

  it('writes a kernel in either spelling of the extension, with the weights it was given', () => {
    const layers = middleGroup();
    const weights = matrixWeights(layers);
    for (const syntax of ['template', 'argument'] as const) {
      const code = matrixConvShader(layers, syntax, weights);
      expect(code).toContain('enable chromium_experimental_subgroup_matrix;');
      expect(code.match(/subgroupMatrixMultiplyAccumulate/g)).toHaveLength(9 * 2 * 3);
      expect(code).toContain(syntax === 'template' ? 'row_major>' : ', false, 32u)');
    }
  });
});
