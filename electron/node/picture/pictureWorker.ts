import { KireiError } from '../../common/errors';
import { runInWorker } from '../workerRun';
import type { LumaFrame, MeasureOptions, PictureMeasurement } from './measure';
import { defaultMeasureOptions, measurePicture } from './measure';

// The worker runs measurePicture from its source text: it uses nothing outside itself.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const measurePicture = ${measurePicture.toString()};
parentPort.postMessage(measurePicture(workerData.frames, workerData.options));
`;

/**
 * Measures frames in a worker thread, so the main process (and with it every window) never waits
 * on the seconds the descale takes. The frames' bytes are handed over, not copied.
 */
export function measureInWorker(frames: LumaFrame[], options: MeasureOptions = defaultMeasureOptions, timeoutMs = 120_000): Promise<PictureMeasurement> {
  return runInWorker<PictureMeasurement>(workerSource, {
    data: { frames, options },
    transfer: frames.map((frame) => frame.data.buffer as ArrayBuffer),
    heapMegabytes: 1024,
    timeoutMs,
    problems: {
      timedOut: () => new KireiError('unsupported', `Measuring the picture took more than ${Math.round(timeoutMs / 1000)} seconds; Kirei stopped.`),
      failed: (error) => new KireiError('unsupported', 'The picture could not be measured.', error.message),
      exited: (code) => new KireiError('unsupported', 'The picture could not be measured.', `the measurement stopped (${code})`),
    },
  });
}
