/** Measured time of one pass of one frame. */
export interface PassSample {
  label: string;
  milliseconds: number;
}

/** Where times come from: the GPU's own timer queries, or the CPU's clock around the GPU's work. */
export type TimingSource = 'gpu' | 'cpu';

/**
 * A frame drawn for a new video frame, the same frame drawn again (a resize, the divider, a
 * paused picture), or a new video frame that repeated the drawing before it and showed its
 * upscaled picture (repeats.ts). mpv keeps fresh and redrawn frames apart; so does Kirei: the
 * governor learns from fresh frames only.
 */
export type FrameKind = 'fresh' | 'redraw' | 'reused';

/** The label of the one sample the CPU clock gives per frame. */
export const wholeFrameLabel = 'Whole frame (CPU clock)';

/**
 * The one fallback when a GPU has no timer queries (WebGL2 without EXT_disjoint_timer_query,
 * WebGPU without timestamp-query): the time from a frame's submission until the GPU reports it
 * finished. It includes queueing, so it is an upper bound of the GPU's work — the honest signal
 * the readout and the governor still need.
 */
export class CpuFrameClock {
  private submitted: { at: number; kind: FrameKind } | null = null;

  /** The frame was handed to the GPU. */
  submit(kind: FrameKind, now = performance.now()): void {
    this.submitted = { at: now, kind };
  }

  /** The GPU finished the frame submitted last: its sample, once. */
  finish(now = performance.now()): { samples: PassSample[]; kind: FrameKind } | null {
    const submitted = this.submitted;
    if (!submitted) return null;
    this.submitted = null;
    return { samples: [{ label: wholeFrameLabel, milliseconds: now - submitted.at }], kind: submitted.kind };
  }

  /** Forgets the frame in flight (the context was lost). */
  reset(): void {
    this.submitted = null;
  }
}

/** A shader's source with line numbers, so a compiler's line in the log points at the line. */
export function numberSource(source: string): string {
  const lines = source.split('\n');
  const width = String(lines.length).length;
  return lines.map((line, index) => `${String(index + 1).padStart(width, ' ')}| ${line}`).join('\n');
}
