export interface VideoState {
  paused: boolean;
  ended: boolean;
  buffering: boolean;
  currentTime: number;
  duration: number;
  volume: number;
  muted: boolean;
  speed: number;
}

export interface VideoFailure {
  /** MediaError code: 2 network, 3 decode, 4 source not supported. */
  code: number;
  detail: string;
}

export interface VideoPlayerListener {
  onState(state: Partial<VideoState>): void;
  onFailure(failure: VideoFailure): void;
  /** The first frame's size is known; the stage can size its textures. */
  onMetadata(width: number, height: number): void;
}

import type { ConvertedSourceOptions } from './convertedSource';
import { ConvertedSource } from './convertedSource';

const speedLimits = { minimum: 0.01, maximum: 100 };

/**
 * Owns the hidden <video> element that decodes; the picture is drawn by the GPU stage, never
 * by the element itself. Every control of the player goes through here.
 */
export class VideoPlayer {
  readonly element: HTMLVideoElement;
  private frameDuration = 1 / 24;
  private readonly abort = new AbortController();
  /** Set while the file plays through ffmpeg (Media Source Extensions) instead of from its URL. */
  private converted: ConvertedSource | null = null;

  constructor(private readonly listener: VideoPlayerListener) {
    const video = document.createElement('video');
    video.preload = 'auto';
    video.playsInline = true;
    video.disablePictureInPicture = true;
    video.crossOrigin = null;
    video.setAttribute('aria-hidden', 'true');
    video.className = 'decoder';
    this.element = video;
    this.listen();
  }

  load(url: string, frameRate: number | null): void {
    this.dropConverted();
    this.frameDuration = frameRate && frameRate > 0 ? 1 / frameRate : 1 / 24;
    this.element.src = url;
    this.element.load();
  }

  /** Plays ffmpeg's converted stream of the file; the element behaves as for a plain file. */
  loadConverted(options: ConvertedSourceOptions, frameRate: number | null): ConvertedSource {
    this.dropConverted();
    this.frameDuration = frameRate && frameRate > 0 ? 1 / frameRate : 1 / 24;
    this.converted = new ConvertedSource(this.element, options);
    this.element.src = this.converted.url;
    this.element.load();
    return this.converted;
  }

  unload(): void {
    this.dropConverted();
    this.element.pause();
    this.element.removeAttribute('src');
    this.element.load();
  }

  private dropConverted(): void {
    this.converted?.dispose();
    this.converted = null;
  }

  dispose(): void {
    this.unload();
    this.abort.abort();
  }

  async play(): Promise<void> {
    try {
      await this.element.play();
    } catch (error) {
      // A pause() racing play() rejects with AbortError; that is not a failure.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      throw error;
    }
  }

  pause(): void {
    this.element.pause();
  }

  togglePause(): Promise<void> {
    if (this.element.paused || this.element.ended) return this.play();
    this.pause();
    return Promise.resolve();
  }

  seekTo(seconds: number): number {
    const duration = Number.isFinite(this.element.duration) ? this.element.duration : seconds;
    const target = Math.min(Math.max(0, seconds), Math.max(0, duration - 0.001));
    this.element.currentTime = target;
    this.listener.onState({ currentTime: target });
    return target;
  }

  seekBy(delta: number): number {
    return this.seekTo(this.element.currentTime + delta);
  }

  /** The element is the truth; the store follows it through events, a task later. */
  get volume(): number {
    return Math.round(this.element.volume * 100);
  }

  get speed(): number {
    return this.element.playbackRate;
  }

  /** mpv volume is 0–100; the element's is 0–1. */
  setVolume(volume: number): number {
    const clamped = Math.min(100, Math.max(0, Math.round(volume)));
    this.element.volume = clamped / 100;
    return clamped;
  }

  setMuted(muted: boolean): void {
    this.element.muted = muted;
  }

  setSpeed(speed: number): number {
    const clamped = Math.min(speedLimits.maximum, Math.max(speedLimits.minimum, speed));
    this.element.playbackRate = clamped;
    return clamped;
  }

  /**
   * Steps one frame while paused, like mpv's `.` and `,`. `mediaTime` is the presentation time of
   * the frame on screen (from requestVideoFrameCallback); the target lands inside the next frame.
   */
  frameStep(direction: 1 | -1, mediaTime: number | null): void {
    this.pause();
    const current = mediaTime ?? this.element.currentTime;
    this.seekTo(current + direction * this.frameDuration + this.frameDuration * 0.25);
  }

  private listen(): void {
    const video = this.element;
    const signal = this.abort.signal;
    const on = (type: string, handler: () => void) => video.addEventListener(type, handler, { signal });
    on('play', () => this.listener.onState({ paused: false, ended: false }));
    on('pause', () => this.listener.onState({ paused: true }));
    on('ended', () => this.listener.onState({ ended: true, paused: true }));
    on('waiting', () => this.listener.onState({ buffering: true }));
    on('playing', () => this.listener.onState({ buffering: false }));
    on('canplay', () => this.listener.onState({ buffering: false }));
    on('timeupdate', () => this.listener.onState({ currentTime: video.currentTime }));
    on('seeked', () => this.listener.onState({ currentTime: video.currentTime }));
    on('durationchange', () =>
      this.listener.onState({ duration: Number.isFinite(video.duration) ? video.duration : 0 }),
    );
    on('volumechange', () =>
      this.listener.onState({ volume: Math.round(video.volume * 100), muted: video.muted }),
    );
    on('ratechange', () => this.listener.onState({ speed: video.playbackRate }));
    on('loadedmetadata', () => this.listener.onMetadata(video.videoWidth, video.videoHeight));
    on('error', () => {
      const error = video.error;
      if (!error) return;
      this.listener.onFailure({ code: error.code, detail: error.message || `MediaError ${error.code}` });
    });
  }
}
