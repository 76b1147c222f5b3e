// The correctness lab page: exposes the lab to the browser tests as window.kireiLab.
import { tiersOf } from '../../../renderer/upscale/presets';
import type { LabRequest, LabResult } from './labCore';
import { comparePeerStage, run } from './labCore';
import { repeatLab } from './labRepeats';
import { stageSmoke } from './labStage';

export type { LabRequest, LabResult };

declare global {
  interface Window {
    kireiLab: { run(request: LabRequest): Promise<LabResult>; tiersOf: typeof tiersOf; comparePeerStage: typeof comparePeerStage; stageSmoke: typeof stageSmoke; repeatLab: typeof repeatLab };
  }
}

window.kireiLab = { run, tiersOf, comparePeerStage, stageSmoke, repeatLab };
document.title = 'lab ready';
