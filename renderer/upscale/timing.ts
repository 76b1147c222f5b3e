import type { PassSample } from '../gpu/timing';

/** last / average / peak of one pass over the recent frames, as mpv's stats show them. */
export interface PassTiming {
  label: string;
  lastMs: number;
  averageMs: number;
  peakMs: number;
}

/**
 * Collects per-pass times of the recent frames. Pure and allocation-light: the readout asks for a
 * summary a few times a second, the stage adds a frame whenever the GPU answers.
 */
export class TimingWindow {
  private readonly frames: PassSample[][] = [];

  constructor(private readonly size = 120) {}

  add(samples: PassSample[]): void {
    this.frames.push(samples);
    if (this.frames.length > this.size) this.frames.shift();
  }

  clear(): void {
    this.frames.length = 0;
  }

  get frameCount(): number {
    return this.frames.length;
  }

  /** Total time of the newest frame, and the mean and peak totals over the window. */
  totals(): { lastMs: number; averageMs: number; peakMs: number } {
    const totals = this.frames.map((frame) => frame.reduce((sum, pass) => sum + pass.milliseconds, 0));
    if (totals.length === 0) return { lastMs: 0, averageMs: 0, peakMs: 0 };
    return {
      lastMs: totals[totals.length - 1] ?? 0,
      averageMs: totals.reduce((sum, value) => sum + value, 0) / totals.length,
      peakMs: Math.max(...totals),
    };
  }

  /** Passes grouped by network (a CNN's dozens of layers read as one line), in frame order. */
  passes(group: (label: string) => string = groupLabel): PassTiming[] {
    const byGroup = new Map<string, number[]>();
    const order: string[] = [];
    for (const frame of this.frames) {
      const sums = new Map<string, number>();
      for (const pass of frame) {
        const key = group(pass.label);
        if (!byGroup.has(key)) {
          byGroup.set(key, []);
          order.push(key);
        }
        sums.set(key, (sums.get(key) ?? 0) + pass.milliseconds);
      }
      for (const [key, value] of sums) byGroup.get(key)?.push(value);
    }
    return order.map((label) => {
      const values = byGroup.get(label) ?? [];
      return {
        label,
        lastMs: values[values.length - 1] ?? 0,
        averageMs: values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length),
        peakMs: Math.max(0, ...values),
      };
    });
  }
}

/** "Anime4K-v4.0-Restore-CNN-(VL) conv2d_3_tf (+1)" → "Restore CNN (VL)". */
export function groupLabel(label: string): string {
  const network = /Anime4K-v[\d.]+-(.+?)-\((\w+)\)/.exec(label);
  if (network?.[1] && network[2]) {
    const name = network[1].replace(/-/g, ' ').replace(/ x2$/, ' ×2');
    return `${name} (${network[2]})${/depth-to-space/.test(label) && /Clamp/.test(label) ? ' + Clamp' : ''}`;
  }
  return label.replace(/ \(\+\d+\)$/, '').replace(/ \((x|y)\)$/, '');
}
