import type { PassSample } from '../../../renderer/gpu/timing';
import type { Size } from '../../../renderer/upscale/model';
import type { WebGL2Runner } from './webgl2Runner';

export interface FrameTimes {
  /** GPU time of each measured frame (sum of its passes), ms. */
  frames: number[];
  /** GPU time of each pass description over the measured frames, ms. */
  passes: Map<string, number[]>;
  timing: 'gpu' | 'cpu';
}

const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
// Chromium makes WebGL query results available at animation-frame boundaries.
const nextAnimationFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Times `count` frames of the runner's pipeline with EXT_disjoint_timer_query_webgl2; results
 * arrive a few frames late, so it keeps polling after the last frame until all are in.
 */
export async function timeWebGL2(runner: WebGL2Runner, output: Size, count: number, warmUp = 10): Promise<FrameTimes> {
  const { gl, timer } = runner;
  for (let frame = 0; frame < warmUp; frame++) {
    timer.beginFrame();
    runner.runFrame(output);
    timer.endFrame();
  }
  gl.finish();
  const samples: PassSample[][] = [];
  for (let frame = 0; frame < count; frame++) {
    timer.beginFrame();
    runner.runFrame(output);
    samples.push(...timer.endFrame().map((frame) => frame.samples));
    // Wait for this frame's queries before the next frame, so none is dropped as stale.
    gl.finish();
    for (let attempt = 0; samples.length <= frame && attempt < 200; attempt++) {
      if (attempt > 0) await nextAnimationFrame();
      timer.beginFrame();
      samples.push(...timer.endFrame().map((frame) => frame.samples));
    }
    if (frame % 16 === 15) await yieldToBrowser();
  }
  if (samples.length < count) console.warn(`webgl2 timing: ${samples.length} of ${count} frames came back`);
  const passes = new Map<string, number[]>();
  const frames = samples.slice(0, count).map((frame) => {
    let total = 0;
    for (const pass of frame) {
      total += pass.milliseconds;
      passes.set(pass.label, [...(passes.get(pass.label) ?? []), pass.milliseconds]);
    }
    return total;
  });
  return { frames, passes, timing: timer.source };
}
