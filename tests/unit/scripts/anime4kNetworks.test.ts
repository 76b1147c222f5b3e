import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FormatError, layerSources, networksFromBundle, parseLayer } from '../../../scripts/anime4k-networks.mjs';

const bundle = readFileSync(createRequire(import.meta.url).resolve('anime4k-webgpu'), 'utf8');

describe('network generator', () => {
  it('finds every network we use with the official layer counts', () => {
    const described = networksFromBundle(bundle);
    const layers = Object.fromEntries(described.map((network) => [network.id, network.layers.length]));
    expect(layers).toEqual({
      'restore-cnn-m': 8,
      'restore-cnn-vl': 17,
      'restore-cnn-ul': 25,
      'restore-cnn-soft-m': 8,
      'restore-cnn-soft-vl': 17,
      'upscale-cnn-x2-m': 8,
      'upscale-cnn-x2-vl': 17,
      'upscale-cnn-x2-ul': 24,
      'upscale-denoise-cnn-x2-vl': 17,
    });
  });

  it('reads a 3×3 layer: 9 taps per input half, 16 weights each, and the bias', () => {
    const source = layerSources(bundle).find((text) => text.includes('Restore-CNN-(M)-Conv-4x3x3x8'));
    const { layer } = parseLayer(source ?? '');
    expect(layer.inputs).toEqual(['conv2d_tf']);
    expect(layer.terms).toHaveLength(18);
    expect(layer.terms[0]).toMatchObject({ input: 0, sign: 'positive', dx: -1, dy: -1 });
    expect(layer.bias).toHaveLength(4);
  });

  it.each([
    ['a missing header', (text: string) => text.replace('// Name: ', '// Called: ')],
    ['a term it does not understand', (text: string) => text.replace('result += mat4x4<f32>(', 'result += transpose(mat4x4<f32>(')],
    ['a missing bias', (text: string) => text.replace(/result \+= vec4f\([^)]*\);/, '')],
  ])('fails with a clear message on %s', (_label, mutate) => {
    const source = layerSources(bundle).find((text) => text.includes('Restore-CNN-(M)-Conv-4x3x3x8')) ?? '';
    expect(() => parseLayer(mutate(source))).toThrow(FormatError);
    expect(() => parseLayer(mutate(source))).toThrow(/package was probably updated/);
  });

  it('fails when a network disappears from the package', () => {
    expect(() => networksFromBundle(bundle.replaceAll('Restore-CNN-(UL)', 'Restore-CNN-(XL)'))).toThrow(/no layers of Anime4K-v4.0-Restore-CNN-\(UL\)/);
  });
});
