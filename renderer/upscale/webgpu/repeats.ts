import { lumaWeights, repeatLimits, repeatTile } from '../repeats';

/** Fixed-point scale of the sums the tiles add up atomically. */
const fixedPoint = 4;
/** A tile adds at most this to the sum of squares: past it the tile has changed anyway, and the sum cannot overflow. */
const tileSquareCap = repeatTile * repeatTile * 64;

const shared = `
struct Sizes { width: u32, height: u32, force: u32, unused: u32 }
struct Statistics { changedTiles: atomic<u32>, sum: atomic<i32>, squares: atomic<u32>, unused: u32 }
const lumaWeights = vec3f(${lumaWeights.join(', ')});
fn levelOf(colour: vec4f) -> f32 { return clamp(dot(colour.rgb, lumaWeights) * 255.0, 0.0, 255.0); }
`;

/** Per tile: the same figures as repeats.ts computes, added up atomically. */
const compareShader = `${shared}
@group(0) @binding(0) var frame: texture_2d<f32>;
@group(0) @binding(1) var<storage, read> reference: array<f32>;
@group(0) @binding(2) var<storage, read_write> statistics: Statistics;
@group(0) @binding(3) var<uniform> sizes: Sizes;
var<workgroup> squares: array<f32, ${repeatTile * repeatTile}>;
var<workgroup> sums: array<f32, ${repeatTile * repeatTile}>;
var<workgroup> largest: array<f32, ${repeatTile * repeatTile}>;
var<workgroup> counts: array<f32, ${repeatTile * repeatTile}>;

@compute @workgroup_size(${repeatTile}, ${repeatTile})
fn main(@builtin(global_invocation_id) id: vec3u, @builtin(local_invocation_index) index: u32) {
  var difference = 0.0;
  var inside = 0.0;
  if (id.x < sizes.width && id.y < sizes.height) {
    difference = levelOf(textureLoad(frame, vec2i(id.xy), 0)) - reference[id.y * sizes.width + id.x];
    inside = 1.0;
  }
  squares[index] = difference * difference;
  sums[index] = difference;
  largest[index] = abs(difference);
  counts[index] = inside;
  workgroupBarrier();
  for (var stride = ${(repeatTile * repeatTile) / 2}u; stride > 0u; stride = stride >> 1u) {
    if (index < stride) {
      squares[index] += squares[index + stride];
      sums[index] += sums[index + stride];
      largest[index] = max(largest[index], largest[index + stride]);
      counts[index] += counts[index + stride];
    }
    workgroupBarrier();
  }
  if (index == 0u) {
    let meanSquare = squares[0] / max(counts[0], 1.0);
    if (meanSquare > ${repeatLimits.tileMeanSquare.toFixed(3)} || largest[0] > ${repeatLimits.tileLargest.toFixed(3)}) {
      atomicAdd(&statistics.changedTiles, 1u);
    }
    atomicAdd(&statistics.sum, i32(round(clamp(sums[0], -65536.0, 65536.0) * ${fixedPoint}.0)));
    atomicAdd(&statistics.squares, u32(round(min(squares[0], ${tileSquareCap}.0) * ${fixedPoint}.0)));
  }
}`;

/** One thread: the verdict, and the workgroups of the reference update (none when the drawing is the same). */
const decideShader = `${shared}
@group(0) @binding(0) var<storage, read_write> statistics: Statistics;
@group(0) @binding(1) var<uniform> sizes: Sizes;
@group(0) @binding(2) var<storage, read_write> decision: array<u32, 8>;

@compute @workgroup_size(1)
fn main() {
  let pixels = f32(sizes.width * sizes.height);
  let mean = f32(atomicLoad(&statistics.sum)) / ${fixedPoint}.0 / pixels;
  let meanSquare = f32(atomicLoad(&statistics.squares)) / ${fixedPoint}.0 / pixels;
  let changed = sizes.force != 0u || atomicLoad(&statistics.changedTiles) > 0u || abs(mean) > ${repeatLimits.globalMean.toFixed(3)} || meanSquare > ${repeatLimits.globalMeanSquare.toFixed(3)};
  decision[0] = select(0u, 1u, changed);
  decision[4] = select(0u, (sizes.width + ${repeatTile - 1}u) / ${repeatTile}u, changed);
  decision[5] = select(0u, (sizes.height + ${repeatTile - 1}u) / ${repeatTile}u, changed);
  decision[6] = 1u;
}`;

/** The frame's luma becomes the reference (dispatched only for a changed frame). */
const referenceShader = `${shared}
@group(0) @binding(0) var frame: texture_2d<f32>;
@group(0) @binding(1) var<storage, read_write> reference: array<f32>;
@group(0) @binding(2) var<uniform> sizes: Sizes;

@compute @workgroup_size(${repeatTile}, ${repeatTile})
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < sizes.width && id.y < sizes.height) {
    reference[id.y * sizes.width + id.x] = levelOf(textureLoad(frame, vec2i(id.xy), 0));
  }
}`;

/** Copies each word of the full dispatch and draw arguments, or zero when the drawing repeats. */
const gateShader = `
@group(0) @binding(0) var<storage, read> decision: array<u32, 8>;
@group(0) @binding(1) var<storage, read> full: array<u32>;
@group(0) @binding(2) var<storage, read_write> gated: array<u32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x < arrayLength(&full)) {
    gated[id.x] = select(0u, full[id.x], decision[0] != 0u);
  }
}`;

/** Byte offset, in the decision buffer, of the reference update's dispatch arguments. */
const referenceArguments = 16;

/**
 * The repeat detector on WebGPU (see ../repeats.ts), decided on the GPU without a round trip:
 * a compare pass, a one-thread verdict, and the plans' passes dispatched and drawn indirectly
 * from arguments the verdict zeroes when the drawing repeats. The result textures then keep the
 * picture of the last computed frame. The CPU learns the verdict a frame later, for the readout
 * and the governor.
 */
export class WebGpuRepeatDetector {
  readonly decision: GPUBuffer;
  private readonly statistics: GPUBuffer;
  private readonly sizes: GPUBuffer;
  private reference: GPUBuffer | null = null;
  private referenceSize = '';
  private pipelines: { compare: GPUComputePipeline; decide: GPUComputePipeline; update: GPUComputePipeline; gate: GPUComputePipeline } | null = null;
  /** Settles once the check has compiled (or failed to: it then never gets ready). */
  readonly compiling: Promise<void>;
  private readonly readBuffers: GPUBuffer[] = [];

  constructor(private readonly device: GPUDevice) {
    // Compiled off the queue: a pipeline made synchronously compiles at its first use, and that
    // stall, mid-playback, cost the video frames around it.
    const pipeline = (label: string, code: string) =>
      device.createComputePipelineAsync({ label, layout: 'auto', compute: { module: device.createShaderModule({ label, code }), entryPoint: 'main' } });
    this.compiling = Promise.all([
      pipeline('Repeated drawing check', compareShader),
      pipeline('Repeated drawing verdict', decideShader),
      pipeline('Repeated drawing reference', referenceShader),
      pipeline('Repeated drawing gate', gateShader),
    ]).then(
      ([compare, decide, update, gate]) => {
        this.pipelines = { compare, decide, update, gate };
      },
      (error: unknown) => console.warn(`Repeated drawings are computed afresh: the check did not compile (${error instanceof Error ? error.message : String(error)})`),
    );
    this.decision = device.createBuffer({ label: 'repeat verdict', size: 32, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.INDIRECT | GPUBufferUsage.COPY_SRC });
    this.statistics = device.createBuffer({ label: 'repeat statistics', size: 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
    this.sizes = device.createBuffer({ label: 'repeat sizes', size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  }

  /**
   * Encodes the check of `frame` against the last computed frame; `force` (the plans changed)
   * makes the frame count as changed. Resolves, once the GPU has decided, to whether the drawing
   * repeated (null when the verdict could not be read).
   */
  encode(encoder: GPUCommandEncoder, frame: GPUTexture, force: boolean, timestampWrites?: GPUComputePassTimestampWrites): Promise<boolean | null> {
    const { device } = this;
    const { compare, decide, update } = this.compiled();
    const { width, height } = frame;
    const sizeKey = `${width}x${height}`;
    const fresh = force || this.referenceSize !== sizeKey;
    if (this.referenceSize !== sizeKey) {
      this.reference?.destroy();
      this.reference = device.createBuffer({ label: 'repeat reference', size: width * height * 4, usage: GPUBufferUsage.STORAGE });
      this.referenceSize = sizeKey;
    }
    const reference = this.reference as GPUBuffer;
    device.queue.writeBuffer(this.sizes, 0, new Uint32Array([width, height, fresh ? 1 : 0, 0]));
    encoder.clearBuffer(this.statistics);
    const pass = encoder.beginComputePass({ label: 'Repeated drawing check', ...(timestampWrites ? { timestampWrites } : {}) });
    if (!fresh) {
      pass.setPipeline(compare);
      pass.setBindGroup(0, this.bind(compare, [frame.createView(), { buffer: reference }, { buffer: this.statistics }, { buffer: this.sizes }]));
      pass.dispatchWorkgroups(Math.ceil(width / repeatTile), Math.ceil(height / repeatTile));
    }
    pass.setPipeline(decide);
    pass.setBindGroup(0, this.bind(decide, [{ buffer: this.statistics }, { buffer: this.sizes }, { buffer: this.decision }]));
    pass.dispatchWorkgroups(1);
    pass.end();
    const store = encoder.beginComputePass({ label: 'Repeated drawing reference' });
    store.setPipeline(update);
    store.setBindGroup(0, this.bind(update, [frame.createView(), { buffer: reference }, { buffer: this.sizes }]));
    store.dispatchWorkgroupsIndirect(this.decision, referenceArguments);
    store.end();
    return this.readVerdict(encoder);
  }

  /** Encodes the copy of `full` into `gated`, zeroed when the drawing repeats. */
  encodeGate(encoder: GPUCommandEncoder, full: GPUBuffer, gated: GPUBuffer, words: number): void {
    const pass = encoder.beginComputePass({ label: 'Repeated drawing gate' });
    const { gate } = this.compiled();
    pass.setPipeline(gate);
    pass.setBindGroup(0, this.bind(gate, [{ buffer: this.decision }, { buffer: full }, { buffer: gated }]));
    pass.dispatchWorkgroups(Math.ceil(words / 64));
    pass.end();
  }

  /** Whether the check has compiled; until then every frame is computed. */
  get ready(): boolean {
    return this.pipelines !== null;
  }

  private compiled(): NonNullable<WebGpuRepeatDetector['pipelines']> {
    if (!this.pipelines) throw new Error('The repeated drawing check is used before it has compiled.');
    return this.pipelines;
  }

  dispose(): void {
    this.reference?.destroy();
    this.decision.destroy();
    this.statistics.destroy();
    this.sizes.destroy();
    for (const buffer of this.readBuffers) buffer.destroy();
  }

  private bind(pipeline: GPUComputePipeline, resources: GPUBindingResource[]): GPUBindGroup {
    return this.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: resources.map((resource, binding) => ({ binding, resource })) });
  }

  /** The verdict copied out and mapped after the submit; null when too many are still in flight. */
  private readVerdict(encoder: GPUCommandEncoder): Promise<boolean | null> {
    const read = this.readBuffers.find((buffer) => buffer.mapState === 'unmapped' && !pendingReads.has(buffer));
    const buffer = read ?? (this.readBuffers.length < 8 ? this.device.createBuffer({ label: 'repeat verdict read', size: 4, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ }) : null);
    if (!buffer) return Promise.resolve(null);
    if (!read) this.readBuffers.push(buffer);
    pendingReads.add(buffer);
    encoder.copyBufferToBuffer(this.decision, 0, buffer, 0, 4);
    return new Promise((resolve) => {
      // Mapping must wait for the submit of this encoder; the caller submits right after.
      queueMicrotask(() => {
        buffer.mapAsync(GPUMapMode.READ).then(
          () => {
            const changed = new Uint32Array(buffer.getMappedRange())[0] !== 0;
            buffer.unmap();
            pendingReads.delete(buffer);
            resolve(!changed);
          },
          () => {
            pendingReads.delete(buffer);
            resolve(null);
          },
        );
      });
    });
  }
}

/** Read buffers copied into but not yet mapped (their mapState is still 'unmapped'). */
const pendingReads = new WeakSet<GPUBuffer>();
