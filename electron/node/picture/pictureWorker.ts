import { Worker } from 'node:worker_threads';
import { KireiError } from '../../common/errors';
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
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { frames, options },
      transferList: frames.map((frame) => frame.data.buffer as ArrayBuffer),
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new KireiError('unsupported', `Measuring the picture took more than ${Math.round(timeoutMs / 1000)} seconds; Kirei stopped.`))), timeoutMs);
    worker.once('message', (result: PictureMeasurement) => settle(() => resolve(result)));
    worker.once('error', (error: Error) => settle(() => reject(new KireiError('unsupported', 'The picture could not be measured.', error.message))));
    worker.once('exit', (code) => settle(() => reject(new KireiError('unsupported', 'The picture could not be measured.', `the measurement stopped (${code})`))));
  });
}
