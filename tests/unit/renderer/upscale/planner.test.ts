import { describe, expect, it } from 'vitest';
import type { PassDefinition } from '../../../../renderer/upscale/model';
import { PlanCache, planPasses } from '../../../../renderer/upscale/planner';
import { assemble, resolveChain } from '../../../../renderer/upscale/presets';
import { networksFor } from './networksFixture';

function modePasses(mode: 'A' | 'C' | 'A+A', tier: 'hq' | 'fast' = 'hq'): PassDefinition[] {
  const chain = resolveChain(mode, tier);
  return assemble(chain, networksFor(chain));
}

const describePlan = (passes: PassDefinition[], native: { width: number; height: number }, output: { width: number; height: number }) =>
  planPasses(passes, native, output).passes.map((pass) => `${pass.definition.description.replace(/^Anime4K-v[\d.]+-/, '')} ${pass.output.width}×${pass.output.height}`);

describe('planner: Anime4K Mode A HQ', () => {
  const passes = modePasses('A');

  it('at exactly 2× runs Restore and one Upscale, then Clamp Highlights on the result', () => {
    const plan = planPasses(passes, { width: 480, height: 270 }, { width: 960, height: 540 });
    const names = describePlan(passes, { width: 480, height: 270 }, { width: 960, height: 540 });
    expect(names[0]).toBe('Clamp Highlights statistics (x) 480×270');
    expect(names.filter((name) => name.startsWith('Restore-CNN-(VL)'))).toHaveLength(17);
    expect(names.filter((name) => name.includes('Upscale-CNN-x2-(VL)'))).toHaveLength(18);
    expect(names.some((name) => name.includes('(M)'))).toBe(false);
    expect(names.some((name) => name.startsWith('Auto-downscale'))).toBe(false);
    expect(names[names.length - 1]).toBe('Clamp Highlights 960×540');
    expect(plan.result).toMatchObject({ width: 960, height: 540 });
  });

  it('at 1.5× brings the 2× image down to the output and skips the second upscale', () => {
    const names = describePlan(passes, { width: 1280, height: 720 }, { width: 1920, height: 1080 });
    expect(names).toContain('Auto-downscale (×2) 1920×1080');
    expect(names.some((name) => name.includes('(M)'))).toBe(false);
  });

  it('at 3× goes to half the output, then the second (M) upscale lands on it exactly', () => {
    const names = describePlan(passes, { width: 640, height: 360 }, { width: 1920, height: 1080 });
    expect(names).toContain('Auto-downscale (×4) 960×540');
    expect(names).toContain('Upscale-CNN-x2-(M) depth-to-space 1920×1080');
  });

  it('at 4× runs both upscales with no downscale', () => {
    const names = describePlan(passes, { width: 480, height: 270 }, { width: 1920, height: 1080 });
    expect(names.some((name) => name.startsWith('Auto-downscale'))).toBe(false);
    expect(names).toContain('Upscale-CNN-x2-(M) depth-to-space 1920×1080');
  });

  it('below 1.2× upscales nothing but still clamps', () => {
    const names = describePlan(passes, { width: 1920, height: 1080 }, { width: 2100, height: 1181 });
    expect(names.some((name) => name.includes('Upscale'))).toBe(false);
    expect(names.filter((name) => name.startsWith('Restore'))).toHaveLength(17);
  });

  it('counts the work: about 17,300 MAC per source pixel', () => {
    const plan = planPasses(passes, { width: 1920, height: 1080 }, { width: 3840, height: 2160 });
    expect(plan.macsPerFrame / (1920 * 1080)).toBeCloseTo(8800 + 8544, -1);
  });

  it('never lets a pass write the texture it reads, and shares slots', () => {
    const plan = planPasses(passes, { width: 640, height: 360 }, { width: 1920, height: 1080 });
    for (const pass of plan.passes) {
      for (const input of pass.inputs) expect(input.slot === pass.output.slot && input.id !== 0, pass.definition.description).toBe(false);
    }
    // Restore's 17 intermediates are free again when Upscale runs at the same size.
    expect(plan.slots.length).toBeLessThan(plan.passes.length * 0.7);
    expect(plan.slots.filter((slot) => slot.width === 640).length).toBeLessThanOrEqual(19);
  });

  it('keeps a slot alive until its last reader has run', () => {
    const plan = planPasses(passes, { width: 640, height: 360 }, { width: 1920, height: 1080 });
    const writer = new Map<number, number>();
    plan.passes.forEach((pass, index) => {
      for (const input of pass.inputs) {
        if (input.id === 0) continue;
        const written = plan.passes.findIndex((candidate) => candidate.output.id === input.id);
        // No pass between the writer and this reader may reuse the slot.
        for (let between = written + 1; between < index; between++) {
          expect(plan.passes[between]?.output.slot, `${plan.passes[between]?.definition.description} overwrote ${input.id}`).not.toBe(input.slot);
        }
        writer.set(input.id, written);
      }
    });
  });
});

describe('planner: other modes', () => {
  it('A+A runs the second Restore at 2× size', () => {
    const names = describePlan(modePasses('A+A'), { width: 480, height: 270 }, { width: 960, height: 540 });
    expect(names.filter((name) => name.startsWith('Restore-CNN-(M)') && name.endsWith('960×540'))).toHaveLength(8);
  });

  it('C at exactly 2× runs only Upscale Denoise and the clamp', () => {
    const names = describePlan(modePasses('C'), { width: 480, height: 270 }, { width: 960, height: 540 });
    expect(names.every((name) => name.includes('Denoise') || name.startsWith('Clamp'))).toBe(true);
  });

  it('refuses a pass that reads a texture nobody wrote', () => {
    const broken: PassDefinition = {
      description: 'broken',
      hook: 'MAIN',
      inputs: ['nothing'],
      output: 'MAIN',
      size: { reference: 'MAIN', scale: 1 },
      when: [],
      components: 4,
      program: { kind: 'bilinear' },
    };
    expect(() => planPasses([broken], { width: 2, height: 2 }, { width: 4, height: 4 })).toThrow(/nothing/);
  });
});

describe('PlanCache', () => {
  it('plans again only when the preset or a size changes', () => {
    const passes = modePasses('C');
    const cache = new PlanCache();
    const first = cache.get(passes, 'C', { width: 640, height: 360 }, { width: 1280, height: 720 });
    expect(cache.get(passes, 'C', { width: 640, height: 360 }, { width: 1280, height: 720 })).toBe(first);
    expect(cache.get(passes, 'C', { width: 640, height: 360 }, { width: 1920, height: 1080 })).not.toBe(first);
  });
});
