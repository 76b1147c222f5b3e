// The playback benchmark: the player's own path — a <video> element, the frame clock, the frame
// loop, the picture stage and the subtitle layer — playing real clips into a 3840×2160 canvas
// with a typeset script over them, per preset and backend,
// with anime4k-webgpu playing the same clips in the same page. It refuses software adapters.
// It POSTs its JSON to /result (the gpu-browser contract).
import type { UpscalePreset } from '../../../electron/common/upscaling';
import { presetKey } from '../../../electron/common/upscaling';
import { requestWebGpuDevice } from '../../../renderer/gpu/webgpu/device';
import { FrameLoop } from '../../../renderer/player/frameLoop';
import { Stage } from '../../../renderer/upscale/pictureStage';
import { buildPreset } from '../../../renderer/upscale/presets';
import type { PictureStage } from '../../../renderer/upscale/stage';
import { startFrameClock } from '../../../renderer/video/frameClock';
import { WebGL2Backend } from '../../../renderer/upscale/webgl2/backend';
import { createWebGpuStage } from '../../../renderer/upscale/createStage';
import { auditReuse } from './playbackAudit';
import { playPeer } from './playbackPeer';
import type { PlaybackRow } from './playbackMedia';
import { canvasSize, log, makeCanvas, makeVideo, playThrough } from './playbackMedia';
import { PlaybackSubtitles } from './playbackSubtitles';
import { median, percentile } from './statistics';

const parameters = new URLSearchParams(location.search);
const clips = (parameters.get('clips') ?? 'generated-1080p-60s-v1.mp4,anime4k_web_input_popteamepic.mp4,realesrgan_onepiece_demo.mp4').split(',');
const backends = (parameters.get('backends') ?? 'webgpu,webgl2').split(',');
const runs = (parameters.get('runs') ?? 'A HQ,A HQ no reuse,A Fast,C HQ,Classic,Off,peer,audit').split(',');
const allowSoftware = parameters.get('allowSoftware') === '1';

const presets: Record<string, UpscalePreset> = {
  'A HQ': { kind: 'cnn', mode: 'A', tier: 'hq' },
  'A Fast': { kind: 'cnn', mode: 'A', tier: 'fast' },
  'C HQ': { kind: 'cnn', mode: 'C', tier: 'hq' },
  Classic: { kind: 'classic' },
  Off: { kind: 'off' },
};



async function createStage(backend: string, canvas: HTMLCanvasElement, listener: ConstructorParameters<typeof Stage>[2]): Promise<{ stage: Stage<{ width: number; height: number }>; renderer: string }> {
  if (backend === 'webgpu') {
    const gpu = await requestWebGpuDevice();
    if (!gpu) throw new Error('no WebGPU adapter');
    if (gpu.isFallbackAdapter && !allowSoftware) throw new Error(`WebGPU runs on a CPU fallback adapter (${gpu.adapterName}): no GPU figures from it`);
    return { stage: await createWebGpuStage(canvas, gpu, listener), renderer: gpu.adapterName };
  }
  const stage = new Stage(canvas, (events) => new WebGL2Backend(canvas, events), listener);
  const renderer = stage.info.renderer;
  if (/swiftshader|llvmpipe|software/i.test(renderer) && !allowSoftware) {
    stage.dispose();
    throw new Error(`WebGL2 runs on a software renderer (${renderer}): no GPU figures from it`);
  }
  return { stage, renderer };
}

/** Opens a clip on a stage through the player's frame loop; resolves at its first upscaled frame. */
function open(
  stage: PictureStage,
  clip: string,
  compiled: Promise<unknown>,
  subtitles: PlaybackSubtitles | null,
): { video: HTMLVideoElement; loop: FrameLoop; firstFrame: Promise<number>; dropsAt: number[] } {
  const started = performance.now();
  // Where in the clip frames went missing, to tell a start-up stall from one in steady playback.
  const dropsAt: number[] = [];
  let lastPresented: number | null = null;
  const video = makeVideo(clip);
  let ready = false;
  let resolveFirst: (milliseconds: number) => void = () => undefined;
  const firstFrame = new Promise<number>((resolve) => (resolveFirst = resolve));
  void compiled.then(() => (ready = true));
  const loop = new FrameLoop({
    video,
    stage: () => stage,
    startClock: (callback) => startFrameClock(video, callback),
    nextRefresh: (callback) => requestAnimationFrame(() => callback()),
    onFrame: (frame, drawn) => {
      if (lastPresented !== null && frame.presentedFrames > lastPresented + 1) dropsAt.push(Math.round(frame.mediaTime * 1000) / 1000);
      lastPresented = frame.presentedFrames;
      if (drawn && ready) resolveFirst(performance.now() - started);
      subtitles?.frame(frame.mediaTime, video.videoWidth, video.videoHeight);
    },
    onFirstPicture: () => undefined,
  });
  loop.start();
  return { video, loop, firstFrame, dropsAt };
}

async function playRun(backend: string, run: string, clip: string, secondOpen: boolean): Promise<PlaybackRow & { renderer: string }> {
  const preset = presets[run.replace(' no reuse', '')];
  if (!preset) throw new Error(`unknown run ${run}`);
  const computed: number[] = [];
  const passTimes = new Map<string, number[]>();
  let lost = false;
  let reusedTime = 0;
  let reused = 0;
  const canvas = makeCanvas();
  const { stage, renderer } = await createStage(backend, canvas, {
    onContextLost: () => (lost = true),
    onContextRestored: () => undefined,
    onTimings: (samples, _source, kind) => {
      const total = samples.reduce((sum, sample) => sum + sample.milliseconds, 0);
      if (kind === 'fresh') {
        computed.push(total);
        for (const sample of samples) passTimes.set(sample.label, [...(passTimes.get(sample.label) ?? []), sample.milliseconds]);
      }
      if (kind === 'reused') reusedTime += total;
    },
    onRepeat: (wasReused) => {
      if (wasReused) reused++;
    },
  });
  stage.setReuseRepeats(!run.endsWith('no reuse'));
  // The file opens while the preset compiles, as in the player.
  const compiled = buildPreset(preset).then((definitions) => stage.setPreset(presetKey(preset), definitions));
  const subtitles = await PlaybackSubtitles.create();
  const first = open(stage, clip, compiled, subtitles);
  const startedAt = performance.now();
  await playThrough(first.video);
  const firstFrameMs = await Promise.race([first.firstFrame, new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 1000))]);
  const seconds = (performance.now() - startedAt) / 1000;
  first.loop.stop();
  const quality = first.video.getVideoPlaybackQuality();
  const counters = { ...first.loop.counters };
  first.video.remove();
  let secondOpenFirstFrameMs: number | null = null;
  if (secondOpen) {
    const again = open(stage, clip, Promise.resolve(), null);
    await again.video.play();
    secondOpenFirstFrameMs = await again.firstFrame;
    again.loop.stop();
    again.video.remove();
  }
  // The last frames' times arrive a moment after their frames.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const subtitleFigures = subtitles?.figures() ?? null;
  subtitles?.dispose();
  stage.dispose();
  canvas.remove();
  if (lost) throw new Error(`the GPU context was lost during the run (${renderer})`);
  const computedTotal = computed.reduce((sum, value) => sum + value, 0);
  return {
    renderer,
    backend,
    run,
    clip,
    seconds,
    presented: counters.presented,
    dropped: counters.dropped,
    skippedByGpu: counters.skippedByGpu,
    decoderDropped: quality.droppedVideoFrames,
    reused,
    computedMs: { median: median(computed), p95: percentile(computed, 0.95), p99: percentile(computed, 0.99), count: computed.length },
    meanPerPresentedMs: (computedTotal + reusedTime) / Math.max(1, computed.length + reused),
    firstFrameMs,
    secondOpenFirstFrameMs,
    dropsAt: first.dropsAt,
    passes: Object.fromEntries([...passTimes].map(([label, times]) => [label, median(times)])),
    subtitles: subtitleFigures,
  };
}

async function main(): Promise<void> {
  const rows: PlaybackRow[] = [];
  const info: Record<string, unknown> = { kind: 'playback', canvas: `${canvasSize.width}×${canvasSize.height}`, userAgent: navigator.userAgent, clips };
  const audits: unknown[] = [];
  const partial = () => void fetch('/partial', { method: 'POST', body: JSON.stringify({ info, rows, audits }) }).catch(() => undefined);
  for (const backend of backends) {
    for (const run of runs) {
      if (run === 'peer' || run === 'audit') continue;
      for (const [index, clip] of clips.entries()) {
        try {
          const row = await playRun(backend, run, clip, index === 0);
          info[`${backend} renderer`] = row.renderer;
          rows.push(row);
          log(
            `${backend} ${run} ${clip}: ${row.presented} presented, ${row.dropped} dropped${row.dropsAt?.length ? ` (at ${row.dropsAt.join(', ')} s)` : ''}, ${row.skippedByGpu} skipped by the GPU, ${row.reused} reused; computed ${row.computedMs.median.toFixed(3)} ms (p99 ${row.computedMs.p99.toFixed(3)}), ${row.meanPerPresentedMs.toFixed(3)} ms per presented frame; first frame ${row.firstFrameMs.toFixed(0)} ms`,
          );
          if (row.subtitles) log(`  subtitles ${row.subtitles.script}: ${row.subtitles.answered} of ${row.subtitles.requested} frames drawn, latency ${row.subtitles.latencyMs.median.toFixed(1)} ms (p99 ${row.subtitles.latencyMs.p99.toFixed(1)}), ${row.subtitles.late} later than a frame`);
          log(`  per pass (median ms): ${Object.entries(row.passes ?? {}).map(([label, value]) => `${label} ${value.toFixed(3)}`).join(', ')}`);
        } catch (error) {
          log(`${backend} ${run} ${clip}: ${error instanceof Error ? error.message : String(error)}`);
          info[`${backend} error`] = error instanceof Error ? error.message : String(error);
          break;
        }
        partial();
      }
    }
  }
  if (runs.includes('peer')) {
    for (const clip of clips) {
      try {
        const row = await playPeer(clip, allowSoftware);
        rows.push(row);
        log(`anime4k-webgpu ModeA ${clip}: ${row.presented} presented, ${row.dropped} dropped${row.dropsAt?.length ? ` (at ${row.dropsAt.join(', ')} s)` : ''}, ${row.skippedByGpu} skipped; ${row.computedMs.median.toFixed(3)} ms (p99 ${row.computedMs.p99.toFixed(3)})`);
      } catch (error) {
        log(`anime4k-webgpu ${clip}: ${error instanceof Error ? error.message : String(error)}`);
      }
      partial();
    }
  }
  if (runs.includes('audit')) {
    for (const clip of clips) {
      try {
        const audit = await auditReuse(clip, allowSoftware);
        audits.push(audit);
        log(`reuse audit ${clip}: ${audit.reused} of ${audit.frames} frames reused; worst reused frame ${audit.worstPsnr.toFixed(2)} dB, ${audit.below45} below 45 dB`);
      } catch (error) {
        log(`reuse audit ${clip}: ${error instanceof Error ? error.message : String(error)}`);
      }
      partial();
    }
  }
  const result = { info, rows, audits };
  await fetch('/result', { method: 'POST', body: JSON.stringify(result) }).catch(() => undefined);
  document.title = 'done';
  (window as unknown as { playbackResult: unknown }).playbackResult = result;
}

void main();
