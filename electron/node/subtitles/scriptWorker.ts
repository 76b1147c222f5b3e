import { KireiError } from '../../common/errors';
import { runInWorker } from '../workerRun';
import type { ScriptAnalysis, ScriptLimits } from './scriptCheck';
import { analyseScript, defaultScriptLimits } from './scriptCheck';

export interface WorkerLimits extends ScriptLimits {
  /**
   * The worker's JavaScript heap. The analysis stays far below it by construction (a script of at
   * most 256 MB is one string; fonts are decoded into fixed buffers up to their limits), so this
   * is a backstop, not the bound: V8 does not always stop a worker cleanly at its limit.
   */
  heapMegabytes: number;
  timeoutMs: number;
}

export const defaultWorkerLimits: WorkerLimits = { ...defaultScriptLimits, heapMegabytes: 2048, timeoutMs: 60_000 };

// The worker runs analyseScript from its source text: it uses nothing outside itself.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const analyseScript = ${analyseScript.toString()};
const result = analyseScript(workerData.bytes, workerData.limits);
parentPort.postMessage(result, result.fonts.map((font) => font.buffer));
`;

/**
 * Analyses a script in a worker thread with its own memory limit and a time limit. The bytes are
 * handed over, not copied, and are unusable here afterwards.
 */
export function analyseInWorker(bytes: Uint8Array, limits: WorkerLimits = defaultWorkerLimits): Promise<ScriptAnalysis> {
  // Only a whole ArrayBuffer can be handed over; small Buffers share one pool.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
  const scriptLimits: ScriptLimits = { fontBytes: limits.fontBytes, totalFontBytes: limits.totalFontBytes, fonts: limits.fonts };
  return runInWorker<ScriptAnalysis>(workerSource, {
    data: { bytes: own, limits: scriptLimits },
    transfer: [own.buffer as ArrayBuffer],
    heapMegabytes: limits.heapMegabytes,
    timeoutMs: limits.timeoutMs,
    problems: {
      timedOut: () => new KireiError('unsupported', `Reading these subtitles took more than ${Math.round(limits.timeoutMs / 1000)} seconds; Kirei stopped.`),
      failed: (error) =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new KireiError('unsupported', `These subtitles need more than ${limits.heapMegabytes} MB of memory to read; Kirei left them out.`)
          : new KireiError('not-media', 'These subtitles could not be read.', error.message),
      exited: (code) => new KireiError('not-media', 'These subtitles could not be read.', `the reader stopped (${code})`),
    },
  });
}
