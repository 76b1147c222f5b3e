import { describe, expect, it } from 'vitest';
import type { PassDefinition } from '../../../../renderer/upscale/model';
import { PlanCache, planPasses } from '../../../../renderer/upscale/planner';
import { assemble, resolveChain } from '../../../../renderer/upscale/presets';
import { userShaderPasses } from '../../../../renderer/upscale/userShaders/userPasses';
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

describe('planner: //!OFFSET, as libplacebo moves a texture’s rectangle', () => {
  const file = (hook: string, offset: string, size = '') => ({
    name: `${hook}.glsl`,
    text: `//!HOOK ${hook}\n//!BIND HOOKED\n${size}${offset ? `//!OFFSET ${offset}\n` : ''}vec4 hook() { return HOOKED_tex(HOOKED_pos); }\n`,
  });
  const doubling = '//!WIDTH HOOKED.w 2 *\n//!HEIGHT HOOKED.h 2 *\n';
  const plan = (files: ReturnType<typeof file>[], output = { width: 200, height: 100 }) => planPasses(userShaderPasses(files), { width: 100, height: 50 }, output);

  it('hands the picture’s shift to the final scaler, scaled with every pass after it', () => {
    // A shift of 1 pixel, then a pass that doubles: 2 pixels of the doubled picture.
    expect(plan([file('MAIN', '1 0'), file('MAIN', '', doubling)]).result.offset).toEqual({ x: 2, y: 0 });
    // Offsets add up; ALIGN lines the picture up again.
    expect(plan([file('MAIN', '0.5 -0.25'), file('MAIN', '0.5 0')]).result.offset).toEqual({ x: 1, y: -0.25 });
    expect(plan([file('MAIN', '0.5 0.5'), file('MAIN', 'ALIGN')]).result.offset).toEqual({ x: 0, y: 0 });
  });

  it('lines chroma up with a shifted luma when the planes merge, and keeps luma’s shift for the scaler', () => {
    // A luma doubler of the kind that leaves its result half a pixel up and left (//!OFFSET -0.5 -0.5).
    const planned = plan([file('LUMA', '-0.5 -0.5', doubling)]);
    const merge = planned.passes.find((pass) => pass.definition.program.kind === 'planes-merge');
    // Chroma stays at the source size: luma's shift of −0.5 doubled-luma pixels is −0.25 chroma pixels, undone by +0.25.
    expect(merge?.definition.program).toEqual({ kind: 'planes-merge', chromaShift: { x: 0.25, y: 0.25 } });
    expect(planned.result.offset).toEqual({ x: -0.5, y: -0.5 });
    // A chroma pass that says ALIGN lines up with that luma: nothing left for the merge to undo.
    const aligned = plan([file('LUMA', '-0.5 -0.5', doubling), file('CHROMA', 'ALIGN')]);
    expect(aligned.passes.find((pass) => pass.definition.program.kind === 'planes-merge')?.definition.program).toEqual({ kind: 'planes-merge' });
  });

  it('gives the scaler pass the shift of the picture it scales, when hooks after it make it a pass', () => {
    const planned = plan([file('MAIN', '1 0.5'), file('OUTPUT', '')]);
    const scaler = planned.passes.find((pass) => pass.definition.program.kind === 'scale');
    expect(scaler?.definition.program).toMatchObject({ kind: 'scale', shift: { x: 1, y: 0.5 } });
    expect(planned.result.offset).toEqual({ x: 0, y: 0 });
    // Without a shift the scaler stays the program it was (one compiled program for every plan).
    expect(plan([file('MAIN', ''), file('OUTPUT', '')]).passes.find((pass) => pass.definition.program.kind === 'scale')?.definition.program).not.toHaveProperty('shift');
  });
});

describe('planner: the stages of mpv’s renderer on Kirei’s RGB picture', () => {
  const file = (hook: string, binds = 'HOOKED') => ({ name: `${hook}.glsl`, text: `//!HOOK ${hook}\n${binds.split(' ').map((bind) => `//!BIND ${bind}\n`).join('')}vec4 hook() { return HOOKED_tex(HOOKED_pos); }\n` });
  const order = (files: ReturnType<typeof file>[]) =>
    planPasses(userShaderPasses(files), { width: 100, height: 50 }, { width: 200, height: 100 }).passes.map((pass) => (pass.definition.program.kind === 'user' ? pass.definition.program.hook : pass.definition.description));

  it('runs every stage in mpv’s order, whatever order the files come in', () => {
    expect(order([file('OUTPUT'), file('PREOUTPUT'), file('SCALED'), file('MAIN'), file('NATIVE'), file('CHROMA'), file('LUMA'), file('RGB'), file('MAINPRESUB')])).toEqual([
      'RGB',
      'LUMA plane',
      'CHROMA planes',
      'LUMA',
      'CHROMA',
      'Planes to RGB',
      'NATIVE',
      'MAIN',
      'MAINPRESUB',
      'Scale to the output',
      'SCALED',
      'PREOUTPUT',
      'OUTPUT',
    ]);
  });

  it('makes the planes from the picture the RGB hooks left, and binds NATIVE as the planes merged', () => {
    const planned = planPasses(userShaderPasses([file('RGB'), file('LUMA'), file('MAIN', 'HOOKED NATIVE')]), { width: 100, height: 50 }, { width: 200, height: 100 });
    const [rgb, luma, chroma, , merge, main] = planned.passes;
    expect(luma?.inputs[0]?.id).toBe(rgb?.output.id);
    expect(chroma?.inputs[0]?.id).toBe(rgb?.output.id);
    // MAIN reads the merged picture twice: as the picture it hooks and as NATIVE.
    expect(main?.inputs.map((input) => input.id)).toEqual([merge?.output.id, merge?.output.id]);
  });

  it('names the stages Kirei does not have, and why', () => {
    expect(() => userShaderPasses([file('LINEAR')])).toThrow('“LINEAR.glsl pass 1” hooks LINEAR, the picture in linear light, which exists only while mpv scales in linear light; Kirei scales in gamma light');
    expect(() => userShaderPasses([file('SOMEWHERE')])).toThrow('hooks SOMEWHERE, which is not a stage of mpv’s');
  });
});

describe('planner: //!PARAM values in WHEN, WIDTH and HEIGHT', () => {
  const text = (enabled: string) =>
    `//!PARAM enabled\n//!TYPE int\n${enabled}\n\n//!PARAM factor\n//!TYPE float\n2.0\n\n//!HOOK MAIN\n//!BIND HOOKED\n//!WHEN enabled\n//!WIDTH HOOKED.w factor *\n//!HEIGHT HOOKED.h factor *\nvec4 hook() { return HOOKED_tex(HOOKED_pos); }\n`;
  const plan = (enabled: string, parameters?: Record<string, number>) =>
    planPasses(userShaderPasses([{ name: 'scaled.glsl', text: text(enabled), ...(parameters ? { parameters } : {}) }]), { width: 10, height: 10 }, { width: 40, height: 40 });

  it('reads the file’s parameters, at the viewer’s values', () => {
    expect(plan('1').result.width).toBe(20);
    expect(plan('0').passes).toHaveLength(0);
    expect(plan('1', { factor: 3 }).result.width).toBe(30);
    expect(plan('1', { enabled: 0 }).passes).toHaveLength(0);
  });
});

describe('planner: sizes a GPU cannot draw', () => {
  it('refuses a pass larger than the limit, naming the pass and the limit', () => {
    const huge = { name: 'huge.glsl', text: '//!DESC Far too large\n//!HOOK MAIN\n//!BIND HOOKED\n//!WIDTH HOOKED.w 100 *\nvec4 hook() { return HOOKED_tex(HOOKED_pos); }\n' };
    expect(() => planPasses(userShaderPasses([huge]), { width: 1920, height: 1080 }, { width: 3840, height: 2160 })).toThrow(
      '“Far too large” would draw a 192000×1080 picture here; Kirei draws at most 8192 pixels a side',
    );
    // The same file at a small size plans: the limit is about the picture, not the file.
    expect(planPasses(userShaderPasses([huge]), { width: 40, height: 20 }, { width: 80, height: 40 }).result.width).toBe(4000);
  });
});

describe('planner: a stage’s own name in WHEN, WIDTH and HEIGHT', () => {
  // As SSimDownscaler asks whether the picture is being made smaller: its POSTKERNEL passes read POSTKERNEL.h.
  const downscaler = {
    name: 'downscaler.glsl',
    text: '//!HOOK POSTKERNEL\n//!BIND HOOKED\n//!WHEN NATIVE_CROPPED.h POSTKERNEL.h >\n//!DESC only when smaller\nvec4 hook() { return HOOKED_tex(HOOKED_pos); }\n',
  };
  const described = (output: { width: number; height: number }) => planPasses(userShaderPasses([downscaler]), { width: 1920, height: 1080 }, output).passes.map((pass) => pass.definition.description);

  it('reads the hooked texture under the name of the stage it hooks', () => {
    expect(described({ width: 1280, height: 720 })).toContain('only when smaller');
    expect(described({ width: 3840, height: 2160 })).not.toContain('only when smaller');
  });
});
