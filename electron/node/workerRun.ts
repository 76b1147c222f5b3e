import { Worker } from 'node:worker_threads';

export interface WorkerRun {
  /** What the worker's source reads as `workerData`. */
  data: unknown;
  /** Buffers handed over, not copied (unusable here afterwards). */
  transfer: ArrayBuffer[];
  heapMegabytes: number;
  timeoutMs: number;
  /** The error each way of failing is reported as. */
  problems: {
    timedOut: () => Error;
    failed: (error: Error & { code?: string }) => Error;
    exited: (code: number) => Error;
  };
}

/**
 * Runs self-contained source in a worker thread, with its own memory and a time limit, and
 * resolves with the first message it posts; the worker is stopped whatever happens.
 */
export function runInWorker<T>(source: string, run: WorkerRun): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, {
      eval: true,
      workerData: run.data,
      transferList: run.transfer,
      resourceLimits: { maxOldGenerationSizeMb: run.heapMegabytes },
    });
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(run.problems.timedOut())), run.timeoutMs);
    worker.once('message', (result: T) => settle(() => resolve(result)));
    worker.once('error', (error: Error & { code?: string }) => settle(() => reject(run.problems.failed(error))));
    worker.once('exit', (code) => settle(() => reject(run.problems.exited(code))));
  });
}
