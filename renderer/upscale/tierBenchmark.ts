import { createPictureStage } from './createStage';
import { buildPreset } from './presets';
import type { PictureStage, StageInfo } from './stage';
import type { TierMeasurement } from './tierChoice';
import { chooseTier, gpuIdentity, tierBenchmarkDefaults } from './tierChoice';

/** A 1080p frame with edges and gradients: the cost of a CNN does not depend on content, but it should look like a picture. */
function syntheticFrame(): VideoFrame {
  const canvas = new OffscreenCanvas(1920, 1080);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas for the benchmark frame');
  const gradient = context.createLinearGradient(0, 0, 1920, 1080);
  gradient.addColorStop(0, '#f4d0b0');
  gradient.addColorStop(1, '#3050a0');
  context.fillStyle = gradient;
  context.fillRect(0, 0, 1920, 1080);
  context.lineWidth = 3;
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
 */
export async function measureTier(backend: StageInfo['backend'], output: { width: number; height: number }, options = tierBenchmarkDefaults): Promise<TierMeasurement> {
  const started = performance.now();
  const canvas = document.createElement('canvas');
  const ignore = () => undefined;
  const { stage } = await createPictureStage(() => canvas, backend, { onContextLost: ignore, onContextRestored: ignore, onTimings: ignore });
  const frame = syntheticFrame();
  try {
    const gpu = gpuIdentity(stage.info);
    stage.resize(output.width, output.height);
    const failure = await stage.setPreset('cnn:A:hq', await buildPreset({ kind: 'cnn', mode: 'A', tier: 'hq' }));
    if (failure) throw new Error(`${failure.description}: ${failure.message}`);
    const accepted = await submitFrames(stage, frame, options.frames + 2, started + options.timeLimitMs);
    // The first accepted frame waited for nothing; the second for the first, which compiled. Time the rest.
    const timed = accepted.slice(2);
    const frameMs = timed.length >= 3 ? ((timed.at(-1) ?? 0) - (timed[0] ?? 0)) / (timed.length - 1) : null;
    return { gpu, tier: chooseTier(frameMs, options), frameMs, outputWidth: output.width, outputHeight: output.height };
  } finally {
    frame.close();
    stage.dispose();
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
