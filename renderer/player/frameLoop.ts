import type { PictureStage } from '../upscale/stage';
import type { PresentedFrame } from '../video/frameClock';

/** Frame counters for the readout, from requestVideoFrameCallback and the element's quality report. */
export interface FrameCounters {
  presented: number;
  dropped: number;
  /** Frames the GPU stage skipped because it was still busy with the one before. */
  skippedByGpu: number;
  /** Frames that repeated the drawing before them and showed its upscaled picture. */
  reused: number;
}

export interface FrameLoopParts {
  /** The element the decoded frames are drawn from. */
  video: HTMLVideoElement;
  stage(): PictureStage | null;
  /** Calls back once per frame the decoder presents; returns what stops it (requestVideoFrameCallback in the app). */
  startClock(onFrame: (frame: PresentedFrame) => void): () => void;
  /** Runs a callback at the next display refresh (requestAnimationFrame in the app). */
  nextRefresh(callback: () => void): void;
  /** A frame came: drawn, or skipped because the GPU was still busy. */
  onFrame(frame: PresentedFrame, drawn: boolean): void;
  /** The first frame of the file is on screen. */
  onFirstPicture(): void;
}

/**
 * The frame loop: each frame the decoder presents goes to the stage; frames the busy GPU could
 * not take are counted and drawn again as soon as it is free (unless a newer one came), so a
 * picture paused on a skipped frame still catches up with the video.
 */
export class FrameLoop {
  readonly counters: FrameCounters = { presented: 0, dropped: 0, skippedByGpu: 0, reused: 0 };
  private lastFrame: PresentedFrame | null = null;
  private drawnMediaTime: number | null = null;
  private stopClock: (() => void) | null = null;
  private retryScheduled = false;
  private pictureShown = false;

  constructor(private readonly parts: FrameLoopParts) {}

  /** A new file: counters from zero, and the clock started. */
  start(): void {
    this.stop();
    this.lastFrame = null;
    this.drawnMediaTime = null;
    this.pictureShown = false;
    this.counters.presented = 0;
    this.counters.dropped = 0;
    this.counters.skippedByGpu = 0;
    this.counters.reused = 0;
    this.stopClock = this.parts.startClock((frame) => this.handleFrame(frame));
  }

  stop(): void {
    this.stopClock?.();
    this.stopClock = null;
  }

  /** Media time of the frame the stage holds: a frame the busy GPU skipped does not count until drawn. */
  get presentedMediaTime(): number | null {
    return this.drawnMediaTime;
  }

  /** Media time of the newest frame the decoder presented, drawn or not. */
  get latestMediaTime(): number | null {
    return this.lastFrame?.mediaTime ?? null;
  }

  /** Draws the newest frame (the stage just started, or its preset changed while paused); false when the GPU was busy. */
  drawCurrent(): boolean {
    const { video } = this.parts;
    if (!this.lastFrame || video.videoWidth === 0) return true;
    const drawn = this.parts.stage()?.render(video, video.videoWidth, video.videoHeight) ?? true;
    if (drawn) {
      this.drawnMediaTime = this.lastFrame.mediaTime;
      if (!this.pictureShown) {
        this.pictureShown = true;
        this.parts.onFirstPicture();
      }
    }
    return drawn;
  }

  private handleFrame(frame: PresentedFrame): void {
    if (this.lastFrame && frame.presentedFrames > this.lastFrame.presentedFrames + 1) {
      this.counters.dropped += frame.presentedFrames - this.lastFrame.presentedFrames - 1;
    }
    this.counters.presented++;
    // The browser may present a frame it seeked to twice; the stage already shows it.
    const shown = this.drawnMediaTime !== null && frame.mediaTime === this.drawnMediaTime && this.lastFrame?.mediaTime === frame.mediaTime;
    this.lastFrame = frame;
    if (shown) {
      this.parts.onFrame(frame, true);
      return;
    }
    const drawn = this.drawCurrent();
    if (!drawn) {
      this.counters.skippedByGpu++;
      this.retry();
    }
    this.parts.onFrame(frame, drawn);
  }

  private retry(): void {
    if (this.retryScheduled) return;
    this.retryScheduled = true;
    this.parts.nextRefresh(() => {
      this.retryScheduled = false;
      if (!this.drawCurrent()) this.retry();
    });
  }
}
