import type { WebGpuDevice } from '../gpu/webgpu/device';
import { requestWebGpuDevice } from '../gpu/webgpu/device';
import { loadNetwork } from './networkLoader';
import { Stage } from './pictureStage';
import type { PictureStage, StageDiagnostics, StageListener } from './stage';
import { WebGL2Backend } from './webgl2/backend';
import { WebGpuBackend } from './webgpu/backend';
import { webGpuSelfTest } from './webgpu/selfTest';

export type BackendPreference = 'auto' | 'webgpu' | 'webgl2';

export interface StageChoice {
  stage: PictureStage;
  /** Why this backend: shown in the readout ("WebGPU: self-test passed", "WebGL2: no adapter"). */
  reason: string;
  /** For tests and bug reports (the inspector): never used by the player itself. */
  diagnostics: StageDiagnostics;
}

/** A WebGPU stage, handed over ready, so that its first frames are drawn rather than counted as skipped. */
export async function createWebGpuStage(canvas: HTMLCanvasElement, gpu: WebGpuDevice, listener: StageListener): Promise<Stage<GPUTexture>> {
  const made: { backend?: WebGpuBackend } = {};
  const stage = new Stage(canvas, (events) => (made.backend = new WebGpuBackend(canvas, gpu, events)), listener);
  await made.backend?.prepared;
  return stage;
}

/**
 * Picks the backend. Automatic: WebGPU on a hardware adapter that passes the self-test (a known
 * frame against the CPU reference), else WebGL2. A software (fallback) adapter is used only when
 * asked for by name: on a CPU, WebGL2 is as fast and better tested. Each attempt gets its own
 * canvas, since a canvas keeps the kind of context it was first given.
 */
export async function createPictureStage(
  makeCanvas: () => HTMLCanvasElement,
  preference: BackendPreference,
  listener: StageListener,
): Promise<StageChoice> {
  let webGpuProblem = 'WebGL2 chosen in the settings';
  if (preference !== 'webgl2') {
    try {
      const gpu = await requestWebGpuDevice();
      if (!gpu) {
        webGpuProblem = 'this browser offers no WebGPU adapter';
      } else if (gpu.isFallbackAdapter && preference !== 'webgpu') {
        webGpuProblem = `the WebGPU adapter (${gpu.adapterName}) runs on the CPU`;
        gpu.device.destroy();
      } else {
        const test = await webGpuSelfTest(gpu, await loadNetwork('restore-cnn-m'));
        if (test.passed) {
          const stage = await createWebGpuStage(makeCanvas(), gpu, listener);
          return { stage, diagnostics: stage.diagnostics, reason: `WebGPU self-test passed (error ${test.maximumError.toFixed(5)})` };
        }
        webGpuProblem = `WebGPU failed its self-test (error ${test.maximumError.toFixed(4)})`;
        gpu.device.destroy();
      }
    } catch (error) {
      webGpuProblem = `WebGPU could not start: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const canvas = makeCanvas();
  const stage = new Stage(canvas, (events) => new WebGL2Backend(canvas, events), listener);
  return { stage, diagnostics: stage.diagnostics, reason: `WebGL2 (${webGpuProblem})` };
}
