import { describe, expect, it } from 'vitest';
import { resolveChain, tiersOf } from '../../../../renderer/upscale/presets';

const networks = (mode: Parameters<typeof resolveChain>[0], tier: Parameters<typeof resolveChain>[1]) =>
  resolveChain(mode, tier).steps.map((step) => (typeof step === 'string' ? step : step.network));

describe('presets', () => {
  it('follow the official HQ templates', () => {
    expect(networks('A', 'hq')).toEqual(['clamp', 'restore-cnn-vl', 'upscale-cnn-x2-vl', 'auto-downscale', 'upscale-cnn-x2-m']);
    expect(networks('B+B', 'hq')).toEqual([
      'clamp',
      'restore-cnn-soft-vl',
      'upscale-cnn-x2-vl',
      'auto-downscale',
      'restore-cnn-soft-m',
      'upscale-cnn-x2-m',
    ]);
    expect(networks('C+A', 'hq')).toEqual(['clamp', 'upscale-denoise-cnn-x2-vl', 'auto-downscale', 'restore-cnn-m', 'upscale-cnn-x2-m']);
    expect(resolveChain('A', 'hq').substitutions).toEqual([]);
  });

  it('stand in the nearest size where the package lacks the official weights, and say so', () => {
    expect(networks('A', 'fast')).toEqual(['clamp', 'restore-cnn-m', 'upscale-cnn-x2-m', 'auto-downscale', 'upscale-cnn-x2-m']);
    expect(resolveChain('A', 'fast').substitutions).toEqual(['Upscale S → M']);
    expect(resolveChain('B', 'ultra').substitutions).toEqual(['Restore Soft UL → VL']);
  });

  it('offer only tiers that differ from HQ', () => {
    expect(tiersOf('A')).toEqual(['fast', 'hq', 'ultra']);
    expect(tiersOf('C')).toEqual(['hq']);
    expect(tiersOf('C+A')).toEqual(['hq']);
    expect(tiersOf('B+B')).toEqual(['fast', 'hq', 'ultra']);
  });
});
