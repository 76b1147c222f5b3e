import type { FileTexture, PassDefinition } from '../model';
import type { Plan, PlannedPass } from '../planner';
import { halfBuffer } from './halfFloat';
import { userBinding, userFragmentShader, userVertexShader } from './userFragment';

type UserProgram = Extract<PassDefinition['program'], { kind: 'user' }>;

/** A user pass ready to draw into its slot. */
export interface CompiledUserPass {
  pipeline: GPURenderPipeline;
  /** The sizes it reads; destroyed with the plan it was made for. */
  sizes: GPUBuffer;
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
  private readonly pipelines = new Map<string, GPURenderPipeline>();
  private readonly layouts = new Map<number, GPUBindGroupLayout>();
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
  async prepare(definition: PassDefinition, program: UserProgram): Promise<GPURenderPipeline> {
    const key = keyOf(definition, program);
    const known = this.pipelines.get(key);
    if (known) return known;
    const code = userFragmentShader(definition, program);
    const module = this.device.createShaderModule({ label: definition.description, code });
    const errors = (await module.getCompilationInfo()).messages.filter((message) => message.type === 'error');
    if (errors.length > 0) throw new Error(errors.map((message) => `${message.lineNum}:${message.linePos} ${message.message}`).join('\n'));
    const textures = program.binds.length;
    const pipeline = await this.device.createRenderPipelineAsync({
      label: definition.description,
      layout: this.device.createPipelineLayout({ bindGroupLayouts: [this.layoutFor(textures)] }),
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
    const sizes = this.device.createBuffer({ label: `${definition.description} sizes`, size: 32, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(sizes, 0, new Float32Array([plan.native.width, plan.native.height, plan.output.width, plan.output.height, pass.output.width, pass.output.height, 0, 0]));
    const textures = [...pass.inputs.map((input) => textureOf(input.id, input.slot)), ...(this.fileTextures.get(key) ?? [])];
    const bindGroup = this.device.createBindGroup({
      label: definition.description,
      layout: this.layoutFor(textures.length),
      entries: [
        { binding: userBinding.linear, resource: this.linear },
        { binding: userBinding.nearest, resource: this.nearest },
        { binding: userBinding.sizes, resource: { buffer: sizes } },
        ...textures.map((texture, index) => ({ binding: userBinding.firstTexture + index, resource: texture.createView() })),
      ],
    });
    return { pipeline, sizes, bindGroup, target, label: definition.description };
  }

  encode(encoder: GPUCommandEncoder, pass: CompiledUserPass, timestampWrites: GPURenderPassTimestampWrites | undefined): void {
    const render = encoder.beginRenderPass({
      label: pass.label,
      colorAttachments: [{ view: pass.target.createView(), loadOp: 'clear', storeOp: 'store', clearValue: [0, 0, 0, 0] }],
      ...(timestampWrites ? { timestampWrites } : {}),
    });
    render.setPipeline(pass.pipeline);
    render.setBindGroup(0, pass.bindGroup);
    render.draw(3);
    render.end();
  }

  dispose(): void {
    for (const texture of [...this.fileTextures.values()].flat()) texture.destroy();
    this.fileTextures.clear();
    this.pipelines.clear();
  }

  private layoutFor(textures: number): GPUBindGroupLayout {
    const known = this.layouts.get(textures);
    if (known) return known;
    const visibility = GPUShaderStage.FRAGMENT;
    const layout = this.device.createBindGroupLayout({
      entries: [
        { binding: userBinding.linear, visibility, sampler: { type: 'filtering' } },
        { binding: userBinding.nearest, visibility, sampler: { type: 'filtering' } },
        { binding: userBinding.sizes, visibility, buffer: { type: 'uniform' } },
        ...Array.from({ length: textures }, (_, index) => ({ binding: userBinding.firstTexture + index, visibility, texture: { sampleType: 'float' as const } })),
      ],
    });
    this.layouts.set(textures, layout);
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
