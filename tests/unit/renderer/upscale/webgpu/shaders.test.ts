import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseWgsl, validate } from 'naga-wasm';
import { describe, expect, it } from 'vitest';
import type { NetworkDescription } from '../../../../../renderer/upscale/networks';
import { networkIds } from '../../../../../renderer/upscale/networks';
import { clampHighlightsPasses, networkPasses } from '../../../../../renderer/upscale/passes';
import { planPasses } from '../../../../../renderer/upscale/planner';
import { groupPasses, groupTaps, packWeights } from '../../../../../renderer/upscale/webgpu/convGroups';
import { fragmentSource } from '../../../../../renderer/upscale/webgl2/codegen';
import { depthToSpaceShader } from '../../../../../renderer/upscale/webgpu/depthToSpace';
import { fusedNetworkShader } from '../../../../../renderer/upscale/webgpu/fusedNetwork';
import { foldNegativeHalves } from '../../../../../renderer/upscale/crelu';
import { lumaMaxShader } from '../../../../../renderer/upscale/webgpu/lumaMax';
import type { ConvShape } from '../../../../../renderer/upscale/webgpu/wgsl';
import { convShader, defaultConvLayout, pixelShader } from '../../../../../renderer/upscale/webgpu/wgsl';

const folder = path.resolve(import.meta.dirname, '../../../../../build/generated/networks');
const network = (id: string) => JSON.parse(readFileSync(path.join(folder, `${id}.json`), 'utf8')) as NetworkDescription;

/** naga (wgpu's shader compiler) parses and validates the code as a WebGPU implementation would. */
function expectValid(code: string, label: string): void {
  const problem = (() => {
    try {
      using module = parseWgsl(code);
      validate(module)[Symbol.dispose]();
      return null;
    } catch (error) {
      return `${label}: ${String(error)}`;
    }
  })();
  expect(problem).toBeNull();
}

/** Every WebGPU shader a network's passes make, as the pipeline makes them. */
function shadersOf(id: string, half: boolean): { label: string; code: string; shape: ConvShape | null }[] {
  const passes = planPasses(networkPasses(network(id), 'test'), { width: 64, height: 36 }, { width: 128, height: 72 }).passes;
  return groupPasses(passes, { fuseNetworks: true }).map((group) => {
    const first = group.passes[0];
    if (!first) throw new Error('empty group');
    const label = `${id} ${first.definition.description}`;
    if (group.conv) {
      const taps = groupTaps(group.conv.layers);
      const shape: ConvShape = {
        taps,
        inputs: group.conv.layers[0]?.inputs.length ?? 1,
        outputs: group.conv.layers.length,
        kernel: group.conv.kernel,
        residual: group.conv.residual,
        half,
        layout: defaultConvLayout,
        matrices: packWeights(group.conv.layers, taps).matrices,
      };
      return { label, code: convShader(shape), shape };
    }
    if (group.fusedNetwork) {
      const layers = group.passes.map((pass) => (pass.definition.program.kind === 'conv' ? foldNegativeHalves(pass.definition.program.layer) : null)).filter((layer) => layer !== null);
      return { label, code: fusedNetworkShader(layers), shape: null };
    }
    const program = first.definition.program;
    if (program.kind === 'depth-to-space') return { label, code: depthToSpaceShader(program.channels, group.clampedDepthToSpace), shape: null };
    if (group.fusedLumaMax) return { label, code: lumaMaxShader(2, 2), shape: null };
    return { label, code: pixelShader(program, first.inputs.length), shape: null };
  });
}

describe('the network shaders both backends generate', () => {
  it('are valid WGSL for every network, in float32 and half precision', () => {
    for (const id of networkIds) {
      for (const half of [false, true]) for (const { label, code } of shadersOf(id, half)) expectValid(code, `${label}${half ? ' (f16)' : ''}`);
    }
  });

  it('accumulate float32 convolutions by fused multiply-adds only: one per weight column and pixel', () => {
    for (const { label, code, shape } of shadersOf('upscale-cnn-x2-vl', false)) {
      if (!shape) continue;
      const matrices = shape.taps.reduce((sum, tap) => sum + tap.signs.length, 0) * shape.outputs;
      expect(code.match(/= fma\(/g)?.length, label).toBe(matrices * 4);
      // A matrix-vector product and a separate sum cost four more instructions per matrix.
      expect(code, label).not.toMatch(/mat4x4<f32>\([^)]*\) \*/);
    }
  });

  it('assemble depth-to-space from one read of the layers per 2×2 block of pixels', () => {
    for (const clamped of [false, true]) {
      const code = depthToSpaceShader(3, clamped);
      expectValid(code, `depth-to-space${clamped ? ' + Clamp Highlights' : ''}`);
      for (const layer of [0, 1, 2]) expect(code.split(`fetch${layer}(q)`).length - 1).toBe(1);
      expect(code).toMatch(/let q = vec2i\(id\.xy\);/);
      expect(code.match(/textureStore\(output/g)?.length).toBe(4);
    }
  });

  it('take CReLU with one max per tap on both backends, never the negated half', () => {
    for (const id of networkIds) {
      for (const { label, code } of shadersOf(id, false)) expect(code, label).not.toMatch(/max\(-/);
      for (const definition of networkPasses(network(id), 'test')) if (definition.program.kind === 'conv') expect(fragmentSource(definition), definition.description).not.toMatch(/max\(-/);
    }
  });

  it('find Clamp Highlights’ local maximum in one pass that writes the statistics the clamp reads', () => {
    const passes = planPasses(clampHighlightsPasses(), { width: 64, height: 36 }, { width: 64, height: 36 }).passes;
    const groups = groupPasses(passes);
    const [statistics, clamp] = groups;
    expect(groups.length).toBe(2);
    expect(statistics?.fusedLumaMax).toBe(true);
    expect(statistics?.passes.map((pass) => pass.definition.description)).toEqual(['Clamp Highlights statistics (x)', 'Clamp Highlights statistics (y)']);
    expect(clamp?.passes[0]?.inputs[1]?.id).toBe(statistics?.passes[1]?.output.id);
    const code = lumaMaxShader(2, 2);
    expectValid(code, 'luma max');
    // Each texel's luma once into workgroup memory; one texture written.
    expect(code.match(/textureLoad\(/g)?.length).toBe(1);
    expect(code.match(/textureStore\(/g)?.length).toBe(1);
  });

  it('keep the two maximum passes apart when something else reads the rows’ maximum', () => {
    const [rows, columns] = clampHighlightsPasses();
    if (!rows || !columns) throw new Error('no passes');
    const reader = { ...columns, description: 'another reader', output: 'other' };
    const passes = planPasses([rows, columns, reader], { width: 64, height: 36 }, { width: 64, height: 36 }).passes;
    expect(groupPasses(passes).some((group) => group.fusedLumaMax)).toBe(false);
  });

  it('apply each WebGL2 weight matrix as four multiply-adds by its columns', () => {
    for (const definition of networkPasses(network('upscale-cnn-x2-vl'), 'test')) {
      if (definition.program.kind !== 'conv') continue;
      const source = fragmentSource(definition);
      expect(source.match(/ \* x\.[xyzw] \+ result;/g)?.length, definition.description).toBe(definition.program.layer.terms.length * 4);
      expect(source, definition.description).not.toMatch(/mat4\(/);
    }
  });

  it('run a small network in one pass: its layers through workgroup memory, one texture read and one written', () => {
    for (const id of ['restore-cnn-m', 'upscale-cnn-x2-m'] as const) {
      const passes = planPasses(networkPasses(network(id), 'test'), { width: 64, height: 36 }, { width: 128, height: 72 }).passes;
      const groups = groupPasses(passes, { fuseNetworks: true });
      const fused = groups.find((group) => group.fusedNetwork);
      // Seven 3×3 layers and the layer over all of them; the upscaler's depth-to-space stays a pass of its own.
      expect(fused?.passes.length, id).toBe(8);
      expect(groups.length, id).toBe(id === 'restore-cnn-m' ? 1 : 2);
      const code = shadersOf(id, false).find((shader) => shader.code.includes('var<workgroup> even'))?.code ?? '';
      expectValid(code, id);
      expect(code.match(/textureStore\(/g)?.length, id).toBeGreaterThan(0);
      expect(new Set(code.match(/textureLoad\((\w+)/g)), id).toEqual(new Set(['textureLoad(source']));
      // A pass per layer unless asked: the player's default, the faster on the GPU measured.
      expect(groupPasses(passes).some((group) => group.fusedNetwork), id).toBe(false);
    }
    // The VL networks' layers are too wide for one workgroup's memory: they stay a pass per layer.
    const large = planPasses(networkPasses(network('restore-cnn-vl'), 'test'), { width: 64, height: 36 }, { width: 64, height: 36 }).passes;
    expect(groupPasses(large, { fuseNetworks: true }).some((group) => group.fusedNetwork)).toBe(false);
  });

  it('keep a pass per layer when something outside the network reads one of its layers', () => {
    const definitions = networkPasses(network('restore-cnn-m'), 'test');
    const third = definitions[2];
    if (!third) throw new Error('no layer');
    const reader = { ...third, description: 'another reader', output: 'other', program: { kind: 'bilinear' as const } };
    const passes = planPasses([...definitions, reader], { width: 64, height: 36 }, { width: 64, height: 36 }).passes;
    expect(groupPasses(passes, { fuseNetworks: true }).some((group) => group.fusedNetwork)).toBe(false);
    expect(groupPasses(planPasses(definitions, { width: 64, height: 36 }, { width: 64, height: 36 }).passes, { fuseNetworks: true }).some((group) => group.fusedNetwork)).toBe(true);
  });
});
