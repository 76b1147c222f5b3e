import { foldNegativeHalves } from '../crelu';
import type { ConvLayer } from '../networks';
import type { PlannedPass } from '../planner';
import { fusedChainAt } from './fusedNetwork';

/**
 * Consecutive conv passes that read the same textures (Anime4K's VL and UL layers write two or
 * three 4-channel textures from the same inputs) run as one compute pass: each input texel is
 * loaded once into workgroup memory and feeds every output.
 */
export interface PassGroup {
  passes: PlannedPass[];
  /** Set for fused convolutions; null for every other program (run one by one). */
  conv: { layers: ConvLayer[]; kernel: 1 | 3; residual: boolean } | null;
  /**
   * A depth-to-space followed by Clamp Highlights on its result: one pass that clamps each pixel
   * as it is assembled, so the full-size image is written once instead of twice.
   */
  clampedDepthToSpace: boolean;
  /** Clamp Highlights' two local-maximum passes (rows, then columns of their result) as one. */
  fusedLumaMax: boolean;
  /** A whole small network (its layers, then the layer over all of them) as one pass: fusedNetwork.ts. */
  fusedNetwork: boolean;
}

export function groupPasses(passes: PlannedPass[], options: { fuseNetworks?: boolean } = {}, maximumOutputs = 4): PassGroup[] {
  const groups: PassGroup[] = [];
  for (let index = 0; index < passes.length; index++) {
    const pass = passes[index] as PlannedPass;
    const fused = options.fuseNetworks === true ? fusedChainAt(passes, index) : 0;
    if (fused > 0) {
      groups.push({ passes: passes.slice(index, index + fused), conv: null, clampedDepthToSpace: false, fusedLumaMax: false, fusedNetwork: true });
      index += fused - 1;
      continue;
    }
    const program = pass.definition.program;
    const previous = groups[groups.length - 1];
    const previousPass = previous?.passes[previous.passes.length - 1];
    if (
      program.kind === 'clamp-luma' &&
      previous &&
      !previous.clampedDepthToSpace &&
      previousPass?.definition.program.kind === 'depth-to-space' &&
      pass.inputs[0]?.id === previousPass.output.id &&
      !passes.some((other) => other !== pass && other.inputs.some((input) => input.id === previousPass.output.id))
    ) {
      previous.passes.push(pass);
      previous.clampedDepthToSpace = true;
      continue;
    }
    if (
      program.kind === 'luma-max' &&
      program.axis === 'y' &&
      previous?.passes.length === 1 &&
      previousPass?.definition.program.kind === 'luma-max' &&
      previousPass.definition.program.axis === 'x' &&
      pass.inputs.length === 1 &&
      pass.inputs[0]?.id === previousPass.output.id &&
      // One tile of the source for one tile of the result: all three the same size.
      [pass.output, previousPass.inputs[0]].every((texture) => texture?.width === previousPass.output.width && texture.height === previousPass.output.height) &&
      !passes.some((other) => other !== pass && other.inputs.some((input) => input.id === previousPass.output.id))
    ) {
      previous.passes.push(pass);
      previous.fusedLumaMax = true;
      continue;
    }
    if (program.kind === 'conv' && previous?.conv && !program.layer.residual && !previous.conv.residual) {
      const first = previous.passes[0];
      const sameInputs =
        first !== undefined &&
        first.inputs.length === pass.inputs.length &&
        first.inputs.every((input, index) => input.id === pass.inputs[index]?.id) &&
        first.output.width === pass.output.width &&
        first.output.height === pass.output.height &&
        previous.conv.kernel === program.layer.kernel;
      // A pass that reads an output of the group must wait for it.
      const readsGroup = pass.inputs.some((input) => previous.passes.some((member) => member.output.id === input.id));
      if (sameInputs && !readsGroup && previous.passes.length < maximumOutputs) {
        previous.passes.push(pass);
        previous.conv.layers.push(foldNegativeHalves(program.layer));
        continue;
      }
    }
    groups.push({
      passes: [pass],
      conv: program.kind === 'conv' ? { layers: [foldNegativeHalves(program.layer)], kernel: program.layer.kernel, residual: program.layer.residual } : null,
      clampedDepthToSpace: false,
      fusedLumaMax: false,
      fusedNetwork: false,
    });
  }
  return groups;
}

/** One texel read of a group: which input, at which offset, and which CReLU halves it feeds. */
export interface GroupTap {
  input: number;
  dx: number;
  dy: number;
  signs: ('identity' | 'positive' | 'negative')[];
}

/**
 * The order in which the kernel walks taps and signs, and so the order of the weight matrices:
 * for each tap, for each sign, one matrix per output (zero where a layer lacks that term).
 */
export function groupTaps(layers: ConvLayer[]): GroupTap[] {
  const taps = new Map<string, GroupTap>();
  for (const layer of layers) {
    for (const term of layer.terms) {
      const key = `${term.input},${term.dy},${term.dx}`;
      const tap = taps.get(key) ?? { input: term.input, dx: term.dx, dy: term.dy, signs: [] };
      if (!tap.signs.includes(term.sign)) tap.signs.push(term.sign);
      taps.set(key, tap);
    }
  }
  const signOrder = { identity: 0, positive: 1, negative: 2 } as const;
  for (const tap of taps.values()) tap.signs.sort((a, b) => signOrder[a] - signOrder[b]);
  return [...taps.values()].sort((a, b) => a.input - b.input || a.dy - b.dy || a.dx - b.dx);
}

/** The weight matrices (column-major, 16 floats) in kernel order, then one bias per output. */
export function packWeights(layers: ConvLayer[], taps: GroupTap[]): { matrices: Float32Array; biases: Float32Array } {
  const count = taps.reduce((sum, tap) => sum + tap.signs.length, 0) * layers.length;
  const matrices = new Float32Array(count * 16);
  let offset = 0;
  for (const tap of taps) {
    for (const sign of tap.signs) {
      for (const layer of layers) {
        const term = layer.terms.find((candidate) => candidate.input === tap.input && candidate.dx === tap.dx && candidate.dy === tap.dy && candidate.sign === sign);
        if (term) matrices.set(term.matrix, offset);
        offset += 16;
      }
    }
  }
  const biases = new Float32Array(layers.length * 4);
  layers.forEach((layer, index) => biases.set(layer.bias, index * 4));
  return { matrices, biases };
}
