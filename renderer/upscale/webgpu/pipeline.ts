import { numberSource } from '../../gpu/timing';
import type { TimestampTimer } from '../../gpu/webgpu/timer';
import type { PassDefinition } from '../model';
import type { Plan } from '../planner';
import { planPasses, sourceTextureId } from '../planner';
import type { PassFailure } from '../stage';
import type { PassGroup } from './convGroups';
import { groupPasses, groupTaps, packWeights } from './convGroups';
import { halfBuffer } from './halfFloat';
import type { ConvLayout, ConvShape } from './wgsl';
import type { WebGpuRepeatDetector } from './repeats';
import type { CompiledUserPass } from './userPipeline';
import { UserPassPipelines } from './userPipeline';
import { loadTranslator } from '../userShaders/naga';
import { depthToSpaceShader, depthToSpaceTile } from './depthToSpace';
import { lumaMaxShader, lumaMaxTile } from './lumaMax';
import { convShader, convTile, defaultConvLayout, pixelShader, pixelTile } from './wgsl';
import type { IntegerMatrices } from '../../gpu/webgpu/integerMatrices';
import type { MatrixWeights } from './matrixConv';
import { fusedNetworkShader, fusedTile } from './fusedNetwork';
import { foldNegativeHalves } from '../crelu';
import { fitsIntegerMatrices, matrixConvShader, matrixConvTile, matrixWeights, matrixWorkgroupBytes } from './matrixConv';

/** What the device computes with: half floats, and 8-bit matrix units for the convolutions. */
export interface Arithmetic {
  halfPrecision: boolean;
  integerMatrices: IntegerMatrices | null;
}

/** A user pass knows its place in the plan: it seeds `random`, as on WebGL2. */
type CompiledGroup = ComputeGroup | { kind: 'user'; user: CompiledUserPass; label: string; passIndex: number };

interface ComputeGroup {
  kind: 'compute';
  group: PassGroup;
  pipeline: GPUComputePipeline;
  weights: GPUBuffer | null;
  bindGroup: GPUBindGroup;
  workgroups: [number, number];
  label: string;
}

// Render attachments too: passes of mpv shader files draw into the slots with a fragment shader.
const textureUsage = GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.STORAGE_BINDING | GPUTextureUsage.COPY_SRC | GPUTextureUsage.RENDER_ATTACHMENT;

/**
 * Runs plans on WebGPU: fused convolution groups through workgroup memory, one compute pass each,
 * into rgba16float textures shared by the plan's slots. Shaders are compiled per shape and cached.
 */
export class WebGpuPipeline {
  private readonly modules = new Map<string, GPUComputePipeline>();
  private readonly weightBuffers = new Map<string, GPUBuffer>();
  private slots: GPUTexture[] = [];
  private slotKey = '';
  private compiled: { plan: Plan; source: GPUTexture; groups: CompiledGroup[] } | null = null;
  /** Each group's dispatch or draw arguments, as given and as gated by the repeat detector. */
  private gating: { full: GPUBuffer; gated: GPUBuffer; words: number; offsets: number[] } | null = null;
  private readonly user: UserPassPipelines;
  private readonly matrixWeightsByKey = new Map<string, MatrixWeights>();

  constructor(
    private readonly device: GPUDevice,
    private readonly arithmetic: Arithmetic,
    private readonly layout: ConvLayout = defaultConvLayout,
    /** How the readout names this pipeline's passes (the compare side's are told apart). */
    private readonly label: (description: string) => string = (description) => description,
  ) {
    this.user = new UserPassPipelines(device);
  }

  /** How passes are grouped: small networks in one pass only where the layout asks for it. */
  private get grouping(): { fuseNetworks: boolean } {
    return { fuseNetworks: this.layout.fuseNetworks === true };
  }

  /** Compiles the shaders a preset needs (planned at 2× of a small frame), so failures show at once. */
  async compile(definitions: PassDefinition[]): Promise<PassFailure | null> {
    this.releaseCompiled();
    try {
      if (definitions.some((definition) => definition.program.kind === 'user')) await loadTranslator();
      for (const definition of definitions) {
        if (definition.program.kind !== 'user') continue;
        try {
          await this.user.prepare(definition, definition.program);
        } catch (error) {
          throw new ShaderFailure({ description: definition.description, message: error instanceof Error ? error.message : String(error), numberedSource: '' });
        }
      }
      const probe = planPasses(definitions, { width: 64, height: 36 }, { width: 128, height: 72 });
      // All at once: the browser compiles pipelines on several threads, so a preset of twenty
      // passes opens in the time of its slowest few rather than of all of them in a row.
      const shaders = new Map<string, { code: string; label: string }>();
      for (const group of groupPasses(probe.passes, this.grouping)) {
        if (group.passes[0]?.definition.program.kind === 'user') continue;
        const shader = this.shaderFor(group);
        shaders.set(shader.code, shader);
      }
      const results = await Promise.allSettled([...shaders.values()].map((shader) => this.pipelineFor(shader)));
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      return null;
    } catch (error) {
      return error instanceof ShaderFailure ? error.failure : { description: definitions[0]?.description ?? 'Upscaling', message: String(error), numberedSource: '' };
    }
  }

  /**
   * Encodes a plan's passes; returns the image for the final scaler, or null when it draws nothing.
   * With `repeats`, every pass is dispatched or drawn from arguments the detector's verdict gates:
   * a repeated drawing runs none of them, and the result keeps the last computed picture. `frame`
   * is the count of frames computed, for mpv shaders' `frame` and `random`.
   */
  run(encoder: GPUCommandEncoder, plan: Plan, source: GPUTexture, timer: TimestampTimer | null, repeats: WebGpuRepeatDetector | null = null, frame = 0): GPUTexture | null {
    if (plan.passes.length === 0) return null;
    if (!this.compiled || this.compiled.plan !== plan || this.compiled.source !== source) {
      this.releaseCompiled();
      this.ensureSlots(plan);
      this.compiled = { plan, source, groups: groupPasses(plan.passes, this.grouping).map((group) => this.compileGroup(group, source, plan)) };
    }
    const gating = repeats ? this.gatingFor(this.compiled.groups) : null;
    if (repeats && gating) repeats.encodeGate(encoder, gating.full, gating.gated, gating.words);
    this.compiled.groups.forEach((compiled, index) => {
      const writes = timer?.passWrites(this.label(compiled.label));
      const indirect = gating ? { buffer: gating.gated, offset: gating.offsets[index] ?? 0 } : null;
      if (compiled.kind === 'user') {
        this.user.setFrame(compiled.user, frame, compiled.passIndex);
        this.user.encode(encoder, compiled.user, writes, indirect);
        return;
      }
      const pass = encoder.beginComputePass(writes ? { timestampWrites: writes } : {});
      pass.setPipeline(compiled.pipeline);
      pass.setBindGroup(0, compiled.bindGroup);
      if (indirect) pass.dispatchWorkgroupsIndirect(indirect.buffer, indirect.offset);
      else pass.dispatchWorkgroups(compiled.workgroups[0], compiled.workgroups[1]);
      pass.end();
    });
    return this.slots[plan.result.slot] ?? null;
  }

  /** The groups' arguments (x, y, 1 for a dispatch; 3, 1, 0, 0 for a draw), made once per compiled plan. */
  private gatingFor(groups: CompiledGroup[]): NonNullable<WebGpuPipeline['gating']> {
    if (this.gating) return this.gating;
    const words: number[] = [];
    const offsets = groups.map((group) => {
      const offset = words.length * 4;
      const workgroups = group.kind === 'user' ? group.user.workgroups : group.workgroups;
      words.push(...(workgroups ? [workgroups[0], workgroups[1], 1] : [3, 1, 0, 0]));
      return offset;
    });
    const data = new Uint32Array(words);
    const full = this.device.createBuffer({ label: 'pass arguments', size: data.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(full, 0, data);
    const gated = this.device.createBuffer({ label: 'gated pass arguments', size: data.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.INDIRECT });
    this.gating = { full, gated, words: words.length, offsets };
    return this.gating;
  }

  dispose(): void {
    this.releaseCompiled();
    this.user.dispose();
    for (const texture of this.slots) texture.destroy();
    for (const buffer of this.weightBuffers.values()) buffer.destroy();
    this.slots = [];
    this.weightBuffers.clear();
    this.matrixWeightsByKey.clear();
    this.modules.clear();
    this.compiled = null;
  }

  private ensureSlots(plan: Plan): void {
    const key = plan.slots.map((slot) => `${slot.width}x${slot.height}`).join(',');
    if (key === this.slotKey) return;
    for (const texture of this.slots) texture.destroy();
    this.slots = plan.slots.map((slot, index) =>
      this.device.createTexture({ label: `slot ${index}`, size: [slot.width, slot.height], format: 'rgba16float', usage: textureUsage }),
    );
    this.slotKey = key;
  }

  private shapeOf(conv: NonNullable<PassGroup['conv']>): ConvShape {
    const taps = groupTaps(conv.layers);
    return {
      taps,
      inputs: conv.layers[0]?.inputs.length ?? 1,
      outputs: conv.layers.length,
      kernel: conv.kernel,
      residual: conv.residual,
      half: this.arithmetic.halfPrecision,
      layout: this.layout,
      matrices: this.layout.inlineWeights ? packWeights(conv.layers, taps).matrices : undefined,
    };
  }

  private shaderFor(group: PassGroup): { code: string; label: string } {
    const first = group.passes[0];
    if (!first) throw new Error('empty pass group');
    if (group.fusedNetwork) {
      const layers = group.passes.map((pass) => (pass.definition.program.kind === 'conv' ? foldNegativeHalves(pass.definition.program.layer) : null)).filter((layer) => layer !== null);
      return { code: fusedNetworkShader(layers), label: `${first.definition.description.replace(/ [^ ]+$/, '')} (one pass)` };
    }
    const matrices = this.matricesFor(group);
    if (group.conv && matrices) return { code: matrixConvShader(group.conv.layers, matrices.syntax, this.matrixWeightsOf(group)), label: first.definition.description };
    if (group.conv) return { code: convShader(this.shapeOf(group.conv)), label: first.definition.description };
    const last = group.passes[group.passes.length - 1]?.definition.program;
    if (group.fusedLumaMax && first.definition.program.kind === 'luma-max' && last?.kind === 'luma-max') {
      return { code: lumaMaxShader(first.definition.program.radius, last.radius), label: 'Clamp Highlights statistics' };
    }
    if (group.clampedDepthToSpace && first.definition.program.kind === 'depth-to-space') {
      return { code: depthToSpaceShader(first.definition.program.channels, true), label: `${first.definition.description} + Clamp Highlights` };
    }
    return { code: pixelShader(first.definition.program, first.inputs.length), label: first.definition.description };
  }

  private async pipelineFor({ code, label }: { code: string; label: string }): Promise<GPUComputePipeline> {
    const known = this.modules.get(code);
    if (known) return known;
    const module = this.device.createShaderModule({ label, code });
    const information = await module.getCompilationInfo();
    const errors = information.messages.filter((message) => message.type === 'error');
    if (errors.length > 0) {
      throw new ShaderFailure({
        description: label,
        message: errors.map((message) => `${message.lineNum}:${message.linePos} ${message.message}`).join('\n'),
        numberedSource: numberSource(code),
      });
    }
    const descriptor: GPUComputePipelineDescriptor = { label, layout: 'auto', compute: { module, entryPoint: 'main' } };
    const pipeline = await this.device.createComputePipelineAsync(descriptor);
    this.modules.set(code, pipeline);
    return pipeline;
  }

  /** The sizes buffers of user passes belong to the plan they were made for. */
  private releaseCompiled(): void {
    for (const group of this.compiled?.groups ?? []) if (group.kind === 'user') group.user.sizes.destroy();
    this.compiled = null;
    this.gating?.full.destroy();
    this.gating?.gated.destroy();
    this.gating = null;
  }

  private compileGroup(group: PassGroup, source: GPUTexture, plan: Plan): CompiledGroup {
    const userPass = group.passes[0];
    if (userPass?.definition.program.kind === 'user') {
      const textureOf = (id: number, slot: number) => (id === sourceTextureId ? source : (this.slots[slot] as GPUTexture));
      const user = this.user.compile(userPass, plan, textureOf, this.slots[userPass.output.slot] as GPUTexture);
      // compile() prepared every user pass of the preset; one missing here is a bug, said plainly.
      if (!user) throw new Error(`${userPass.definition.description} was not prepared for WebGPU`);
      return { kind: 'user', user, label: user.label, passIndex: plan.passes.indexOf(userPass) };
    }
    const { code, label } = this.shaderFor(group);
    let pipeline = this.modules.get(code);
    if (!pipeline) {
      // A shape the preset's probe plan did not have (a WHEN that only holds at this size).
      pipeline = this.device.createComputePipeline({ label, layout: 'auto', compute: { module: this.device.createShaderModule({ label, code }), entryPoint: 'main' } });
      this.modules.set(code, pipeline);
    }
    const first = group.passes[0] as (typeof group.passes)[number];
    const textureOf = (id: number, slot: number) => (id === sourceTextureId ? source : (this.slots[slot] as GPUTexture));
    const entries: GPUBindGroupEntry[] = [];
    let weights: GPUBuffer | null = null;
    if (group.conv) {
      weights = this.weightsFor(group);
      entries.push({ binding: 0, resource: { buffer: weights } });
      first.inputs.forEach((input, index) => {
        if (group.conv?.residual && index === first.inputs.length - 1) return;
        entries.push({ binding: 1 + index, resource: textureOf(input.id, input.slot).createView() });
      });
      const inputCount = group.conv.layers[0]?.inputs.length ?? 1;
      group.passes.forEach((pass, index) => entries.push({ binding: 1 + inputCount + index, resource: textureOf(pass.output.id, pass.output.slot).createView() }));
      if (group.conv.residual) {
        const main = first.inputs[first.inputs.length - 1];
        if (main) entries.push({ binding: 1 + inputCount + group.passes.length, resource: textureOf(main.id, main.slot).createView() });
      }
    } else if (group.fusedNetwork) {
      const input = first.inputs[0] as (typeof first.inputs)[number];
      const last = group.passes[group.passes.length - 1] as (typeof group.passes)[number];
      entries.push({ binding: 0, resource: textureOf(input.id, input.slot).createView() }, { binding: 1, resource: textureOf(last.output.id, last.output.slot).createView() });
    } else if (group.fusedLumaMax) {
      const columns = group.passes[1] as (typeof group.passes)[number];
      entries.push({ binding: 0, resource: textureOf(columns.output.id, columns.output.slot).createView() });
      first.inputs.forEach((input, index) => entries.push({ binding: 1 + index, resource: textureOf(input.id, input.slot).createView() }));
    } else if (group.clampedDepthToSpace) {
      const clamp = group.passes[1] as (typeof group.passes)[number];
      const statistics = clamp.inputs[1] as (typeof clamp.inputs)[number];
      entries.push({ binding: 0, resource: textureOf(clamp.output.id, clamp.output.slot).createView() });
      [...first.inputs, statistics].forEach((input, index) => entries.push({ binding: 1 + index, resource: textureOf(input.id, input.slot).createView() }));
    } else {
      entries.push({ binding: 0, resource: textureOf(first.output.id, first.output.slot).createView() });
      first.inputs.forEach((input, index) => entries.push({ binding: 1 + index, resource: textureOf(input.id, input.slot).createView() }));
    }
    const bindGroup = this.device.createBindGroup({ label, layout: pipeline.getBindGroupLayout(0), entries });
    const tile = group.fusedNetwork
      ? [fusedTile(group.passes.length - 1), fusedTile(group.passes.length - 1)]
      : group.conv
      ? this.matricesFor(group)
        ? matrixConvTile
        : convTile(this.shapeOf(group.conv))
      : first.definition.program.kind === 'depth-to-space'
        ? [depthToSpaceTile, depthToSpaceTile]
        : group.fusedLumaMax
          ? [lumaMaxTile, lumaMaxTile]
          : [pixelTile, pixelTile];
    return {
      kind: 'compute',
      group,
      pipeline,
      weights,
      bindGroup,
      workgroups: [Math.ceil(first.output.width / (tile[0] ?? 8)), Math.ceil(first.output.height / (tile[1] ?? 8))],
      label: group.passes.length > 1 && !group.fusedNetwork ? `${label} (+${group.passes.length - 1})` : label,
    };
  }

  /** The matrix units, when the layout asks for them and this group is a convolution they can run. */
  private matricesFor(group: PassGroup): IntegerMatrices | null {
    const matrices = this.arithmetic.integerMatrices;
    if (!matrices || !group.conv || this.layout.integerMatrices !== true) return null;
    if (this.device.limits.maxComputeWorkgroupStorageSize < matrixWorkgroupBytes) return null;
    return fitsIntegerMatrices(group.conv.layers, group.conv.kernel, group.conv.residual) ? matrices : null;
  }

  private matrixWeightsOf(group: PassGroup): MatrixWeights {
    const key = group.passes.map((pass) => pass.definition.description).join('|');
    const known = this.matrixWeightsByKey.get(key);
    if (known) return known;
    const weights = matrixWeights(group.conv?.layers ?? []);
    this.matrixWeightsByKey.set(key, weights);
    return weights;
  }

  /** Weights of a layer group, uploaded once in the order the kernel reads them. */
  private weightsFor(group: PassGroup): GPUBuffer {
    const layers = group.conv?.layers ?? [];
    const digits = this.matricesFor(group) !== null;
    const key = `${digits ? 'digits:' : ''}${group.passes.map((pass) => pass.definition.description).join('|')}`;
    const known = this.weightBuffers.get(key);
    if (known) return known;
    if (digits) {
      const bytes = this.matrixWeightsOf(group).digits;
      const buffer = this.device.createBuffer({ label: key, size: bytes.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      this.device.queue.writeBuffer(buffer, 0, bytes);
      this.weightBuffers.set(key, buffer);
      return buffer;
    }
    const { matrices, biases } = packWeights(layers, groupTaps(layers));
    const matrixBytes = this.arithmetic.halfPrecision ? matrices.length * 2 : matrices.length * 4;
    const data = new ArrayBuffer(matrixBytes + biases.length * 4);
    if (this.arithmetic.halfPrecision) new Uint16Array(data, 0, matrices.length).set(halfBuffer(matrices));
    else new Float32Array(data, 0, matrices.length).set(matrices);
    new Float32Array(data, matrixBytes, biases.length).set(biases);
    const buffer = this.device.createBuffer({ label: key, size: data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(buffer, 0, data);
    this.weightBuffers.set(key, buffer);
    return buffer;
  }
}

class ShaderFailure extends Error {
  constructor(readonly failure: PassFailure) {
    super(failure.message);
  }
}
