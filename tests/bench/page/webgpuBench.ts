import type { Size } from '../../../renderer/upscale/model';
import type { FrameTimes } from './webgl2Bench';
import type { WebGpuRunner } from './webgpuRunner';

/**
 * Times `count` frames of the runner's WebGPU pipeline with timestamp queries. A frame's time is
 * the span from its first pass's start to its last pass's end, as anime4k-webgpu's is measured.
 */
export async function timeWebGpu(runner: WebGpuRunner, output: Size, count: number, warmUp = 10): Promise<FrameTimes> {
  for (let frame = 0; frame < warmUp; frame++) runner.runFrame(output);
  await runner.device.queue.onSubmittedWorkDone();
  const frames: number[] = [];
  const passes = new Map<string, number[]>();
  let submitted = 0;
  while (frames.length < count) {
    runner.runFrame(output, (samples, span) => {
      if (frames.length >= count) return;
      frames.push(span);
      for (const sample of samples) passes.set(sample.label, [...(passes.get(sample.label) ?? []), sample.milliseconds]);
    });
    submitted++;
    if (submitted % 4 === 0) await runner.device.queue.onSubmittedWorkDone();
    if (submitted > count * 4) break;
  }
  return { frames, passes, timing: runner.gpu.timestamps ? 'gpu' : 'cpu' };
}
