import { createPictureStage } from './createStage';
import { buildPreset } from './presets';
import type { PictureStage, StageInfo } from './stage';
import type { TierMeasurement } from './tierChoice';
import { chooseTier, fullSizeWorthRunning, gpuIdentity, probeDivisor, tierBenchmarkDefaults } from './tierChoice';

/** A frame with edges and gradients: the cost of a CNN does not depend on content, but it should look like a picture. */
function syntheticFrame(width: number, height: number): VideoFrame {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas for the benchmark frame');
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#f4d0b0');
  gradient.addColorStop(1, '#3050a0');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  context.lineWidth = 3;
  context.scale(width / 1920, height / 1080);
  for (let index = 0; index < 40; index++) {
    context.strokeStyle = index % 2 ? '#101018' : '#ffffff';
    context.beginPath();
    context.arc(960 + Math.cos(index) * 600, 540 + Math.sin(index * 1.7) * 300, 30 + index * 4, 0, Math.PI * 2);
    context.stroke();
  }
  return new VideoFrame(canvas, { timestamp: 0 });
}

/** Lets the GPU process run: a message-channel turn is not clamped like nested timeouts are. */
function yieldToGpu(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/**
 * Times Mode A HQ on this GPU, 1080p to the screen's resolution, on its own canvas and stage of
 * the backend the player uses. A stage submits a frame only once the GPU finished the one before,
 * so the spacing of accepted frames is the GPU's time per frame, with no timer queries needed.
 * A picture a sixteenth the size goes first: on a slow card the full size is never run, so no
 * single frame holds the graphics card (and the window it draws) for seconds.
 */
export async function measureTier(backend: StageInfo['backend'], output: { width: number; height: number }, options = tierBenchmarkDefaults): Promise<TierMeasurement> {
  const started = performance.now();
  const canvas = document.createElement('canvas');
  const ignore = () => undefined;
  const { stage } = await createPictureStage(() => canvas, backend, { onContextLost: ignore, onContextRestored: ignore, onTimings: ignore });
  try {
    const gpu = gpuIdentity(stage.info);
    const failure = await stage.setPreset('cnn:A:hq', await buildPreset({ kind: 'cnn', mode: 'A', tier: 'hq' }));
    if (failure) throw new Error(`${failure.description}: ${failure.message}`);
    const deadline = started + options.timeLimitMs;
    const small = await timeFrames(stage, 1920 / probeDivisor, 1080 / probeDivisor, output.width / probeDivisor, output.height / probeDivisor, options.frames, deadline);
    const result = (frameMs: number | null, estimated: boolean): TierMeasurement => ({
      gpu,
      tier: chooseTier(frameMs, options),
      frameMs,
      estimated,
      outputWidth: output.width,
      outputHeight: output.height,
    });
    if (!fullSizeWorthRunning(small, options)) return result(small === null ? null : small * probeDivisor * probeDivisor, true);
    return result(await timeFrames(stage, 1920, 1080, output.width, output.height, options.frames, deadline), false);
  } finally {
    stage.dispose();
  }
}

/** Milliseconds per frame of a source of one size shown at another; null when too few finished by the deadline. */
async function timeFrames(stage: PictureStage, sourceWidth: number, sourceHeight: number, width: number, height: number, frames: number, deadline: number): Promise<number | null> {
  const frame = syntheticFrame(Math.round(sourceWidth), Math.round(sourceHeight));
  try {
    stage.resize(Math.round(width), Math.round(height));
    const accepted = await submitFrames(stage, frame, frames + 2, deadline);
    // The first accepted frame waited for nothing; the second for the first, which may have compiled. Time the rest.
    const timed = accepted.slice(2);
    return timed.length >= 3 ? ((timed.at(-1) ?? 0) - (timed[0] ?? 0)) / (timed.length - 1) : null;
  } finally {
    frame.close();
  }
}

async function submitFrames(stage: PictureStage, frame: VideoFrame, count: number, deadline: number): Promise<number[]> {
  const accepted: number[] = [];
  while (accepted.length < count && performance.now() < deadline) {
    if (stage.render(frame, frame.displayWidth, frame.displayHeight)) accepted.push(performance.now());
    else await yieldToGpu();
    if (stage.isContextLost) break;
  }
  return accepted;
}
