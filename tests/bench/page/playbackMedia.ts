// What the playback benchmark's runs share: the 4K canvas, the clip's video element, playing
// through, the log, and the shape of a row.
import type { SubtitleFigures } from './playbackSubtitles';

const parameters = new URLSearchParams(location.search);
/** Stop each run after this many seconds (0: play the whole clip). */
const secondsLimit = Number(parameters.get('seconds') ?? 0);

/** The canvas the picture is drawn into: 4K, or smaller (`canvas=1280x720`) for a check on a software renderer. */
const [canvasWidth = 3840, canvasHeight = 2160] = (parameters.get('canvas') ?? '3840x2160').split('x').map(Number);
export const canvasSize = { width: canvasWidth, height: canvasHeight };

export interface PlaybackRow {
  backend: string;
  run: string;
  clip: string;
  seconds: number;
  /** Frames the decoder presented (requestVideoFrameCallback), and those it skipped on the way. */
  presented: number;
  dropped: number;
  /** Frames the stage could not take because the GPU was still busy. */
  skippedByGpu: number;
  decoderDropped: number;
  reused: number;
  /** GPU time of computed frames (the whole frame: upload, check, passes, scale to the canvas). */
  computedMs: { median: number; p95: number; p99: number; count: number };
  /** Mean GPU time over every presented frame, reused ones included. */
  meanPerPresentedMs: number;
  /** From opening the file (and compiling the preset) to its first upscaled frame on screen. */
  firstFrameMs: number;
  secondOpenFirstFrameMs: number | null;
  /** Media time (seconds) of each frame that came after a gap of dropped ones. */
  dropsAt?: number[];
  /** Median time of each pass over the computed frames. */
  passes?: Record<string, number>;
  /** The subtitle layer drawn over the run (null: run without). */
  subtitles: SubtitleFigures | null;
}

export function log(line: string): void {
  const element = document.getElementById('log');
  if (element) element.textContent += `${line}\n`;
  void fetch('/log', { method: 'POST', body: line }).catch(() => undefined);
}

export function makeCanvas(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = canvasSize.width;
  canvas.height = canvasSize.height;
  canvas.style.width = '640px';
  document.body.appendChild(canvas);
  return canvas;
}

/** A video element in the page (the compositor presents only what is in the document). */
export function makeVideo(clip: string): HTMLVideoElement {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.style.width = '160px';
  video.src = `clips/${clip}`;
  document.body.appendChild(video);
  return video;
}

/** Plays until the end (or the limit); resolves when done. */
export function playThrough(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve, reject) => {
    const limit = secondsLimit > 0 ? window.setTimeout(() => resolve(), secondsLimit * 1000) : 0;
    video.addEventListener('ended', () => {
      window.clearTimeout(limit);
      resolve();
    });
    video.addEventListener('error', () => reject(new Error(`${video.src}: ${video.error?.message ?? 'cannot play'}`)));
    video.play().catch(reject);
  });
}

