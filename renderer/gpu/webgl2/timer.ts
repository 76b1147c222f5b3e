import type { FrameKind, PassSample, TimingSource } from '../timing';

interface PendingFrame {
  kind: FrameKind;
  queries: { label: string; query: WebGLQuery }[];
}

const maximumPendingFrames = 6;

/**
 * Times passes with EXT_disjoint_timer_query_webgl2 when the GPU offers it; results arrive a few
 * frames later. Without it nothing is measured here: the stage's CPU frame clock (gpu/timing.ts)
 * times the whole frame instead.
 */
export class PassTimer {
  readonly source: TimingSource;
  private readonly extension: { TIME_ELAPSED_EXT: number; GPU_DISJOINT_EXT: number } | null;
  private pending: PendingFrame[] = [];
  private current: PendingFrame | null = null;

  constructor(private readonly gl: WebGL2RenderingContext) {
    this.extension = gl.getExtension('EXT_disjoint_timer_query_webgl2') as {
      TIME_ELAPSED_EXT: number;
      GPU_DISJOINT_EXT: number;
    } | null;
    this.source = this.extension ? 'gpu' : 'cpu';
  }

  beginFrame(kind: FrameKind = 'fresh'): void {
    this.current = this.extension ? { kind, queries: [] } : null;
  }

  /** The frame turned out to be of another kind (a new frame whose drawing repeated: reused). */
  relabel(kind: FrameKind): void {
    if (this.current) this.current.kind = kind;
  }

  measure<T>(label: string, run: () => T): T {
    const { gl, extension, current } = this;
    if (!extension || !current) return run();
    const query = gl.createQuery();
    if (!query) return run();
    gl.beginQuery(extension.TIME_ELAPSED_EXT, query);
    try {
      return run();
    } finally {
      gl.endQuery(extension.TIME_ELAPSED_EXT);
      current.queries.push({ label, query });
    }
  }

  /** Frames whose times the GPU has not given yet. */
  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Finishes the frame; returns the samples of every frame whose results are now known. */
  endFrame(): { samples: PassSample[]; kind: FrameKind }[] {
    const done: { samples: PassSample[]; kind: FrameKind }[] = [];
    if (!this.extension) return done;
    if (this.current && this.current.queries.length > 0) this.pending.push(this.current);
    this.current = null;
    while (this.pending.length > maximumPendingFrames) this.discard(this.pending.shift());
    const { gl } = this;
    const disjoint = gl.getParameter(this.extension.GPU_DISJOINT_EXT) as boolean;
    while (this.pending.length > 0) {
      const frame = this.pending[0];
      if (!frame) break;
      const last = frame.queries[frame.queries.length - 1];
      if (last && !(gl.getQueryParameter(last.query, gl.QUERY_RESULT_AVAILABLE) as boolean)) break;
      this.pending.shift();
      if (!disjoint) {
        done.push({
          kind: frame.kind,
          samples: frame.queries.map(({ label, query }) => ({
            label,
            milliseconds: (gl.getQueryParameter(query, gl.QUERY_RESULT) as number) / 1e6,
          })),
        });
      }
      this.discard(frame);
    }
    return done;
  }

  dispose(): void {
    for (const frame of this.pending) this.discard(frame);
    this.pending = [];
  }

  private discard(frame: PendingFrame | undefined): void {
    for (const { query } of frame?.queries ?? []) this.gl.deleteQuery(query);
  }
}
