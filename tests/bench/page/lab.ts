// The correctness lab page: exposes the lab to the browser tests as window.kireiLab.
import { tiersOf } from '../../../renderer/upscale/presets';
import type { LabRequest, LabResult } from './labCore';
import { comparePeerStage, run } from './labCore';
import { repeatLab } from './labRepeats';
import { stageSmoke } from './labStage';
import { heavyCheck } from './labHeavyCheck';
import { offsetCheck } from './labOffsetCheck';
import { offsetReader } from './offsetShaders';
import { stageShot, stageTimeline } from './labStageShot';
import { matrixCheck } from './labMatrixCheck';

export type { LabRequest, LabResult };

declare global {
  interface Window {
    kireiLab: { run(request: LabRequest): Promise<LabResult>; tiersOf: typeof tiersOf; comparePeerStage: typeof comparePeerStage; stageSmoke: typeof stageSmoke; repeatLab: typeof repeatLab; stageShot: typeof stageShot; stageTimeline: typeof stageTimeline };
  }
}

window.kireiLab = { run, tiersOf, comparePeerStage, stageSmoke, repeatLab, stageShot, stageTimeline };
document.title = 'lab ready';

// On the GPU machine, the page runs a check by itself and posts what it found.
const query = new URLSearchParams(location.search);
const timelineCheck = async () => {
  const shader = '//!HOOK MAIN\n//!BIND HOOKED\n//!DESC frame and random\nvec4 hook() { return vec4(random, float(frame % 200) / 255.0, HOOKED_tex(HOOKED_pos).b, 1.0); }\n';
  const timeline = { webgl2: await stageTimeline({ backend: 'webgl2', shader, frames: 4 }), webgpu: await stageTimeline({ backend: 'webgpu', shader, frames: 4 }) };
  const offsets = { webgl2: await stageTimeline({ backend: 'webgl2', shader: offsetReader, frames: 1 }), webgpu: await stageTimeline({ backend: 'webgpu', shader: offsetReader, frames: 1 }) };
  return { timeline, offsets };
};
const check: (() => Promise<unknown>) | null = query.has('offset') ? offsetCheck : query.has('heavy') ? heavyCheck : query.has('matrix') ? matrixCheck : query.has('timeline') ? timelineCheck : null;
if (check) {
  void check()
    .catch((error: unknown) => ({ error: String(error) }))
    .then((result) => fetch('/result', { method: 'POST', body: JSON.stringify(result) }));
}
