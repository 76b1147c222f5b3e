import type { PassSample } from '../timing';

const capacity = 512;

/**
 * Per-pass GPU time from timestamp queries: each compute pass writes a begin and an end stamp;
 * the frame's stamps are resolved into a buffer and read back asynchronously, a frame or two late.
 */
export class TimestampTimer {
  private readonly querySet: GPUQuerySet | null;
  private readonly resolveBuffer: GPUBuffer | null;
  private readonly readBuffers: GPUBuffer[] = [];
  private labels: string[] = [];
  private pending = 0;

  constructor(
    private readonly device: GPUDevice,
    enabled: boolean,
  ) {
    this.querySet = enabled ? device.createQuerySet({ type: 'timestamp', count: capacity }) : null;
    this.resolveBuffer = enabled
      ? device.createBuffer({ size: capacity * 8, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC })
      : null;
  }

  get enabled(): boolean {
    return this.querySet !== null;
  }

  beginFrame(): void {
    this.labels = [];
  }

  /** timestampWrites for the next pass, or undefined when timing is off or the set is full. */
  passWrites(label: string): GPUComputePassTimestampWrites | undefined {
    if (!this.querySet || this.labels.length * 2 + 2 > capacity) return undefined;
    const index = this.labels.length * 2;
    this.labels.push(label);
    return { querySet: this.querySet, beginningOfPassWriteIndex: index, endOfPassWriteIndex: index + 1 };
  }

  /**
   * Resolves this frame's stamps; `deliver` gets the samples when the GPU has them, and the span
   * from the first pass's start to the last pass's end (gaps between passes included).
   */
  endFrame(encoder: GPUCommandEncoder, deliver: (samples: PassSample[], spanMilliseconds: number) => void): void {
    if (!this.querySet || !this.resolveBuffer || this.labels.length === 0) return;
    // A few frames in flight at most; skip timing a frame rather than stall.
    if (this.pending > 3) return;
    const size = this.labels.length * 16;
    const read = this.readBuffers.find((buffer) => buffer.mapState === 'unmapped' && buffer.size >= size) ??
      this.device.createBuffer({ size: capacity * 8, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
    if (!this.readBuffers.includes(read)) this.readBuffers.push(read);
    encoder.resolveQuerySet(this.querySet, 0, this.labels.length * 2, this.resolveBuffer, 0);
    encoder.copyBufferToBuffer(this.resolveBuffer, 0, read, 0, size);
    const labels = this.labels;
    this.pending++;
    // Mapping must wait for the submit of this encoder; the caller submits right after.
    queueMicrotask(() => {
      read.mapAsync(GPUMapMode.READ, 0, size).then(
        () => {
          const stamps = new BigUint64Array(read.getMappedRange(0, size).slice(0));
          read.unmap();
          this.pending--;
          const span = Number((stamps[labels.length * 2 - 1] ?? 0n) - (stamps[0] ?? 0n)) / 1e6;
          deliver(
            labels.map((label, index) => ({ label, milliseconds: Number((stamps[index * 2 + 1] ?? 0n) - (stamps[index * 2] ?? 0n)) / 1e6 })),
            span,
          );
        },
        () => {
          this.pending--;
        },
      );
    });
  }

  dispose(): void {
    this.querySet?.destroy();
    this.resolveBuffer?.destroy();
    for (const buffer of this.readBuffers) buffer.destroy();
  }
}
