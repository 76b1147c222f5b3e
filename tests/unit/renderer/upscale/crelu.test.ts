import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConvLayer } from '../../../../renderer/upscale/networks';
import { networkIds } from '../../../../renderer/upscale/networks';
import { foldNegativeHalves } from '../../../../renderer/upscale/crelu';

const folder = path.resolve(import.meta.dirname, '../../../../build/generated/networks');
const network = (id: string) => JSON.parse(readFileSync(path.join(folder, `${id}.json`), 'utf8')) as { layers: ConvLayer[] };

/** One output pixel of a layer, straight from its terms: the sum of W · sign(x) over every tap. */
function evaluate(layer: ConvLayer, texel: (input: number, dx: number, dy: number) => number[]): number[] {
  const sum = [...layer.bias];
  for (const term of layer.terms) {
    const x = texel(term.input, term.dx, term.dy).map((value) => (term.sign === 'identity' ? value : Math.max(term.sign === 'positive' ? value : -value, 0)));
    for (let row = 0; row < 4; row++) for (let column = 0; column < 4; column++) sum[row] = (sum[row] ?? 0) + (term.matrix[column * 4 + row] ?? 0) * (x[column] ?? 0);
  }
  return sum;
}

describe('CReLU with one max', () => {
  it('computes what the two halves computed, on every layer of every network, with one max per tap', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 4 - 2;
    for (const layer of networkIds.flatMap((id) => network(id).layers)) {
      const folded = foldNegativeHalves(layer);
      const texels = new Map<string, number[]>();
      const texel = (input: number, dx: number, dy: number) => {
        const key = `${input},${dx},${dy}`;
        if (!texels.has(key)) texels.set(key, [random(), random(), random(), random()]);
        return texels.get(key) ?? [];
      };
      const expected = evaluate(layer, texel);
      const actual = evaluate(folded, texel);
      actual.forEach((value, index) => expect(value).toBeCloseTo(expected[index] ?? Number.NaN, 9));
      expect(folded.terms.some((term) => term.sign === 'negative'), layer.name).toBe(false);
      expect(folded.terms.length, layer.name).toBe(layer.terms.length);
    }
  });

  it('leaves a lone negative half as it is', () => {
    const layer: ConvLayer = { name: 'x', inputs: ['MAIN'], residual: false, kernel: 1, bias: [0, 0, 0, 0], terms: [{ input: 0, sign: 'negative', dx: 0, dy: 0, matrix: Array.from({ length: 16 }, (_, index) => index) }] };
    expect(foldNegativeHalves(layer)).toEqual(layer);
  });
});
