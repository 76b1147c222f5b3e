// The correctness lab page: exposes the lab to the browser tests as window.kireiLab.
import { tiersOf } from '../../../renderer/upscale/presets';
import type { LabRequest, LabResult } from './labCore';
import { comparePeerStage, run } from './labCore';
import { repeatLab } from './labRepeats';
import { stageSmoke } from './labStage';
import { heavyCheck } from './labHeavyCheck';
import { offsetCheck } from './labOffsetCheck';
import { stageShot } from './labStageShot';
import { matrixCheck } from './labMatrixCheck';

export type { LabRequest, LabResult };

declare global {
  interface Window {
    kireiLab: { run(request: LabRequest): Promise<LabResult>; tiersOf: typeof tiersOf; comparePeerStage: typeof comparePeerStage; stageSmoke: typeof stageSmoke; repeatLab: typeof repeatLab; stageShot: typeof stageShot };
  }
}

window.kireiLab = { run, tiersOf, comparePeerStage, stageSmoke, repeatLab, stageShot };
document.title = 'lab ready';

// On the GPU machine, the page runs a check by itself and posts what it found.
const query = new URLSearchParams(location.search);
const check: (() => Promise<unknown>) | null = query.has('offset') ? offsetCheck : query.has('heavy') ? heavyCheck : query.has('matrix') ? matrixCheck : null;
if (check) {
  void check()
    .catch((error: unknown) => ({ error: String(error) }))
    .then((result) => fetch('/result', { method: 'POST', body: JSON.stringify(result) }));
}
