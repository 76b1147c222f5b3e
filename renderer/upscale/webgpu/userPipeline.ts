import type { FileTexture, PassDefinition } from '../model';
import type { Plan, PlannedPass } from '../planner';
import { randomOf, readsTime } from '../userShaders/frameValues';
import { halfBuffer } from './halfFloat';
import { userBinding, userComputeShader, userFragmentShader, userVertexShader } from './userWgsl';

type UserProgram = Extract<PassDefinition['program'], { kind: 'user' }>;

/** A user pass ready to draw into its slot. */
export interface CompiledUserPass {
  pipeline: GPURenderPipeline | GPUComputePipeline;
  /** Workgroups to dispatch, for a compute pass; null draws a full-screen triangle. */
  workgroups: [number, number] | null;
  /** The sizes it reads, then `frame` and `random`; destroyed with the plan it was made for. */
  sizes: GPUBuffer;
  /** Whether the shader reads `frame` or `random`, which are then written for every frame. */
  readsTime: boolean;
  bindGroup: GPUBindGroup;
  target: GPUTexture;
  label: string;
}

/**
 * The passes of mpv shader files on WebGPU: render pipelines (a full-screen triangle and the
 * hook's fragment shader, translated by naga) with their samplers, sizes and look-up textures.
 * Pipelines are kept per pass; bind groups are made per plan, as for our own passes.
 */
export class UserPassPipelines {
  private readonly pipelines = new Map<string, GPURenderPipeline | GPUComputePipeline>();
  private readonly layouts = new Map<string, GPUBindGroupLayout>();
  private readonly fileTextures = new Map<string, GPUTexture[]>();
  private readonly linear: GPUSampler;
  private readonly nearest: GPUSampler;
  private readonly vertex: GPUShaderModule;

  constructor(private readonly device: GPUDevice) {
    this.linear = device.createSampler({ magFilter: 'linear', minFilter: 'linear' });
    this.nearest = device.createSampler({ magFilter: 'nearest', minFilter: 'nearest' });
    this.vertex = device.createShaderModule({ label: 'full-screen triangle', code: userVertexShader });
  }

  /** Compiles a pass's pipeline; throws the compiler's words for a shader WebGPU refuses. */
  async prepare(definition: PassDefinition, program: UserProgram): Promise<GPURenderPipeline | GPUComputePipeline> {
    const key = keyOf(definition, program);
    const known = this.pipelines.get(key);
    if (known) return known;
    const textures = program.binds.length;
    const compute = program.compute !== null;
    const code = compute ? userComputeShader(program, textures) : userFragmentShader(definition, program);
    const module = this.device.createShaderModule({ label: definition.description, code });
    const errors = (await module.getCompilationInfo()).messages.filter((message) => message.type === 'error');
    if (errors.length > 0) throw new Error(errors.map((message) => `${message.lineNum}:${message.linePos} ${message.message}`).join('\n'));
    const layout = this.device.createPipelineLayout({ bindGroupLayouts: [this.layoutFor(textures, compute)] });
    const pipeline = compute
      ? await this.device.createComputePipelineAsync({ label: definition.description, layout, compute: { module, entryPoint: 'main' } })
      : await this.device.createRenderPipelineAsync({
          label: definition.description,
          layout,
          vertex: { module: this.vertex, entryPoint: 'main' },
          fragment: { module, entryPoint: 'main', targets: [{ format: 'rgba16float' }] },
          primitive: { topology: 'triangle-list' },
        });
    this.pipelines.set(key, pipeline);
    if (program.textures.length > 0) this.fileTextures.set(key, program.textures.map((texture) => this.upload(texture)));
    return pipeline;
  }

  /** The bind group of one planned pass: its inputs, its look-up textures, the sizes it reads. */
  compile(pass: PlannedPass, plan: Plan, textureOf: (id: number, slot: number) => GPUTexture, target: GPUTexture): CompiledUserPass | null {
    const { definition } = pass;
    const program = definition.program;
    if (program.kind !== 'user') return null;
    const key = keyOf(definition, program);
    const pipeline = this.pipelines.get(key);
    if (!pipeline) return null;
    // Sizes, then `frame` and `random` (setFrame), then where each bound texture's picture starts in it (NAME_off).
    const offsets = pass.inputs.length > 0 ? pass.inputs.flatMap((input) => [input.offset.x, input.offset.y, 0, 0]) : [0, 0, 0, 0];
    const data = new Float32Array([plan.native.width, plan.native.height, plan.output.width, plan.output.height, pass.output.width, pass.output.height, 0, 0, ...offsets]);
    const sizes = this.device.createBuffer({ label: `${definition.description} sizes`, size: data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(sizes, 0, data);
    const textures = [...pass.inputs.map((input) => textureOf(input.id, input.slot)), ...(this.fileTextures.get(key) ?? [])];
    const compute = program.compute;
    const bindGroup = this.device.createBindGroup({
      label: definition.description,
      layout: this.layoutFor(textures.length, compute !== null),
      entries: [
        { binding: userBinding.linear, resource: this.linear },
        { binding: userBinding.nearest, resource: this.nearest },
        { binding: userBinding.sizes, resource: { buffer: sizes } },
        ...textures.map((texture, index) => ({ binding: userBinding.firstTexture + index, resource: texture.createView() })),
        ...(compute ? [{ binding: userBinding.firstTexture + textures.length, resource: target.createView() }] : []),
      ],
    });
    const workgroups: [number, number] | null = compute ? [Math.ceil(pass.output.width / compute.blockWidth), Math.ceil(pass.output.height / compute.blockHeight)] : null;
    return { pipeline, workgroups, sizes, bindGroup, target, label: definition.description, readsTime: readsTime(program.body) };
  }

  /** mpv's `frame` and `random` for this frame (`index`: the pass's place in the plan, which seeds `random`). */
  setFrame(pass: CompiledUserPass, frame: number, index: number): void {
    if (pass.readsTime) this.device.queue.writeBuffer(pass.sizes, 24, new Float32Array([frame, randomOf(frame, index)]));
  }

  /** Encodes a pass; `indirect` takes its dispatch or draw from a buffer (the repeat detector's gate). */
  encode(encoder: GPUCommandEncoder, pass: CompiledUserPass, timestampWrites: GPURenderPassTimestampWrites | undefined, indirect: { buffer: GPUBuffer; offset: number } | null = null): void {
    if (pass.workgroups) {
      const compute = encoder.beginComputePass({ label: pass.label, ...(timestampWrites ? { timestampWrites } : {}) });
      compute.setPipeline(pass.pipeline as GPUComputePipeline);
      compute.setBindGroup(0, pass.bindGroup);
      if (indirect) compute.dispatchWorkgroupsIndirect(indirect.buffer, indirect.offset);
      else compute.dispatchWorkgroups(pass.workgroups[0], pass.workgroups[1]);
      compute.end();
      return;
    }
    const render = encoder.beginRenderPass({
      label: pass.label,
      // A gated draw may draw nothing: the target then keeps what it held (the last computed picture).
      colorAttachments: [{ view: pass.target.createView(), loadOp: indirect ? 'load' : 'clear', storeOp: 'store', clearValue: [0, 0, 0, 0] }],
      ...(timestampWrites ? { timestampWrites } : {}),
    });
    render.setPipeline(pass.pipeline as GPURenderPipeline);
    render.setBindGroup(0, pass.bindGroup);
    if (indirect) render.drawIndirect(indirect.buffer, indirect.offset);
    else render.draw(3);
    render.end();
  }

  dispose(): void {
    for (const texture of [...this.fileTextures.values()].flat()) texture.destroy();
    this.fileTextures.clear();
    this.pipelines.clear();
  }

  private layoutFor(textures: number, compute = false): GPUBindGroupLayout {
    const key = `${textures}${compute ? 'c' : 'f'}`;
    const known = this.layouts.get(key);
    if (known) return known;
    const visibility = compute ? GPUShaderStage.COMPUTE : GPUShaderStage.FRAGMENT;
    const layout = this.device.createBindGroupLayout({
      entries: [
        { binding: userBinding.linear, visibility, sampler: { type: 'filtering' } },
        { binding: userBinding.nearest, visibility, sampler: { type: 'filtering' } },
        { binding: userBinding.sizes, visibility, buffer: { type: 'uniform' } },
        ...Array.from({ length: textures }, (_, index) => ({ binding: userBinding.firstTexture + index, visibility, texture: { sampleType: 'float' as const } })),
        ...(compute ? [{ binding: userBinding.firstTexture + textures, visibility, storageTexture: { access: 'write-only' as const, format: 'rgba16float' as const } }] : []),
      ],
    });
    this.layouts.set(key, layout);
    return layout;
  }

  /** A file's look-up texture as 16-bit floats, what libplacebo keeps for rgba16f. */
  private upload(file: FileTexture): GPUTexture {
    const texture = this.device.createTexture({ label: file.name, size: [file.width, file.height], format: 'rgba16float', usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST });
    this.device.queue.writeTexture({ texture }, halfBuffer(file.rgba), { bytesPerRow: file.width * 8 }, [file.width, file.height]);
    return texture;
  }
}

function keyOf(definition: PassDefinition, program: UserProgram): string {
  return `${program.file}|${program.bodyLine}|${program.hook}|${definition.components}|${definition.inputs.join(',')}`;
}
