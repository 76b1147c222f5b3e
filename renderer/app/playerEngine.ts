import type { OpenedMedia } from '../../electron/common/media';
import { codecDisplayName } from '../../electron/common/playability';
import type { Command } from '../input/commands';
import type { KireiState } from '../store';
import type { CapturedFrame } from '../upscale/webgl2/stage';
import { WebGL2Stage } from '../upscale/webgl2/stage';
import { devicePixelSize } from '../upscale/geometry';
import type { PresentedFrame } from '../video/frameClock';
import { startFrameClock } from '../video/frameClock';
import type { VideoFailure } from '../video/videoPlayer';
import { VideoPlayer } from '../video/videoPlayer';
import { formatTime } from './format';

type Store = { getState(): KireiState; subscribe(listener: (state: KireiState, previous: KireiState) => void): () => void };

/**
 * Joins the decoder, the frame clock and the GPU stage, and runs commands. React only mounts it;
 * per-frame work never goes through React.
 */
export class PlayerEngine {
  private readonly player: VideoPlayer;
  private readonly stage: WebGL2Stage;
  private stopClock: (() => void) | null = null;
  private lastFrame: PresentedFrame | null = null;
  private media: OpenedMedia | null = null;
  private readonly unsubscribe: () => void;
  private readonly resizeObserver: ResizeObserver;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly store: Store,
  ) {
    this.player = new VideoPlayer({
      onState: (state) => this.store.getState().setPlayback(state),
      onFailure: (failure) => this.handleFailure(failure),
      onMetadata: (width, height) => this.handleMetadata(width, height),
    });
    canvas.parentElement?.appendChild(this.player.element);
    this.stage = new WebGL2Stage(canvas, {
      onContextLost: () => this.store.getState().pushToast({ kind: 'warning', text: 'The graphics card was reset. Restoring the picture…' }),
      onContextRestored: () => {
        this.store.getState().pushToast({ kind: 'info', text: 'The picture is back.' });
        this.drawCurrentFrame();
      },
      onTimings: () => undefined,
    });
    this.stage.setScaler(store.getState().scaler);
    this.unsubscribe = store.subscribe((state, previous) => {
      if (state.scaler !== previous.scaler) {
        this.stage.setScaler(state.scaler);
        this.stage.redraw();
      }
    });
    this.resizeObserver = new ResizeObserver((entries) => this.handleResize(entries));
    this.resizeObserver.observe(canvas);
    const state = store.getState();
    this.player.setVolume(state.volume);
    this.player.setMuted(state.muted);
    this.player.setSpeed(state.speed);
  }

  open(media: OpenedMedia): void {
    this.media = media;
    const state = this.store.getState();
    state.resetPlayback();
    this.stopClock?.();
    this.lastFrame = null;
    const assessment = state.assessment;
    if (assessment && !assessment.canPlay) {
      state.setPlayback({ playbackError: assessment.blockingProblem });
      return;
    }
    for (const problem of assessment?.audioProblems ?? []) {
      state.pushToast({ kind: 'warning', text: `${problem.message} The video plays without that sound.` });
    }
    for (const warning of media.probe.warnings) state.pushToast({ kind: 'warning', text: warning });
    const video = media.probe.video;
    this.stage.setSourcePrecision(video?.bitDepth && video.bitDepth > 8 ? 'rgba16f' : 'rgba8');
    this.player.load(media.url, video?.frameRate ?? null);
    this.stopClock = startFrameClock(this.player.element, (frame) => this.handleFrame(frame));
    void this.player.play().catch((error: unknown) => {
      // Autoplay can be refused; the viewer presses play instead.
      console.warn('play() was refused', error);
    });
  }

  run(command: Command): void {
    const state = this.store.getState();
    const player = this.player;
    switch (command.name) {
      case 'cycle':
        if (command.property === 'pause') {
          void player.togglePause();
          state.showOsd(player.element.paused ? 'Paused' : 'Playing');
        } else if (command.property === 'mute') {
          player.setMuted(!player.element.muted);
          state.showOsd(player.element.muted ? 'Mute: yes' : 'Mute: no');
        } else {
          void this.setFullscreen(!document.fullscreenElement);
        }
        return;
      case 'set':
        if (command.property === 'fullscreen') void this.setFullscreen(command.value);
        else state.showOsd(`Speed: ${player.setSpeed(command.value).toFixed(2)}`);
        return;
      case 'seek': {
        const duration = player.element.duration || 0;
        const target =
          command.mode === 'relative'
            ? player.seekBy(command.seconds)
            : player.seekTo(command.mode === 'absolute' ? command.seconds : (duration * command.seconds) / 100);
        state.showOsd(`${formatTime(target)} / ${formatTime(duration)}`);
        return;
      }
      case 'add':
        if (command.property === 'volume') {
          if (player.element.muted) player.setMuted(false);
          state.showOsd(`Volume: ${player.setVolume(player.volume + command.value)}%`);
        } else {
          state.showOsd(`Speed: ${player.setSpeed(player.speed + command.value).toFixed(2)}`);
        }
        return;
      case 'multiply':
        state.showOsd(`Speed: ${player.setSpeed(player.speed * command.factor).toFixed(2)}`);
        return;
      case 'frame-step':
        player.frameStep(command.direction, this.lastFrame?.mediaTime ?? null);
        return;
      case 'quit':
        this.close();
        return;
      case 'ignore':
        return;
    }
  }

  seekTo(seconds: number): void {
    this.player.seekTo(seconds);
  }

  togglePause(): void {
    void this.player.togglePause();
  }

  setVolume(volume: number): void {
    this.player.setMuted(false);
    this.player.setVolume(volume);
  }

  toggleMute(): void {
    this.player.setMuted(!this.player.element.muted);
  }

  setSpeed(speed: number): void {
    this.player.setSpeed(speed);
  }

  setFullscreen(on: boolean): Promise<void> {
    if (on && !document.fullscreenElement) return document.documentElement.requestFullscreen().catch(() => undefined);
    if (!on && document.fullscreenElement) return document.exitFullscreen().catch(() => undefined);
    return Promise.resolve();
  }

  /** Back to the start screen: stop decoding and let the main process forget the id. */
  close(): void {
    const media = this.media;
    this.media = null;
    this.stopClock?.();
    this.stopClock = null;
    this.player.unload();
    void this.setFullscreen(false);
    this.store.getState().closeMedia();
    if (media) void window.kirei.media.close({ id: media.id }).catch(() => undefined);
  }

  capture(): CapturedFrame | null {
    return this.stage.capture();
  }

  get presentedMediaTime(): number | null {
    return this.lastFrame?.mediaTime ?? null;
  }

  get stageInfo() {
    return this.stage.info;
  }

  loseContextForTest(): boolean {
    const extension = this.stage.context.getExtension('WEBGL_lose_context');
    if (!extension) return false;
    extension.loseContext();
    setTimeout(() => extension.restoreContext(), 50);
    return true;
  }

  dispose(): void {
    this.stopClock?.();
    this.unsubscribe();
    this.resizeObserver.disconnect();
    this.player.dispose();
    this.player.element.remove();
    this.stage.dispose();
  }

  private handleFrame(frame: PresentedFrame): void {
    this.lastFrame = frame;
    this.drawCurrentFrame();
  }

  private drawCurrentFrame(): void {
    const video = this.player.element;
    if (!this.lastFrame || video.videoWidth === 0) return;
    this.stage.render(video, video.videoWidth, video.videoHeight);
  }

  private handleMetadata(width: number, height: number): void {
    const video = this.media?.probe.video;
    if (video && (width === 0 || height === 0)) {
      this.handleFailure({ code: 4, detail: 'the decoder produced no picture' });
    }
  }

  private handleResize(entries: ResizeObserverEntry[]): void {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    const box = entry.devicePixelContentBoxSize?.[0];
    const size = box
      ? { width: box.inlineSize, height: box.blockSize }
      : devicePixelSize(entry.contentRect.width, entry.contentRect.height, window.devicePixelRatio);
    this.stage.resize(size.width, size.height);
    this.stage.redraw();
  }

  private handleFailure(failure: VideoFailure): void {
    const video = this.media?.probe.video;
    const codec = video ? codecDisplayName(video.codec) : 'unknown';
    const depth = video?.bitDepth && video.bitDepth > 8 ? ` ${video.bitDepth}-bit` : '';
    const message =
      failure.code === 2
        ? 'Reading the file failed part-way. The file may be on a disconnected drive.'
        : `The built-in player could not decode this${depth} ${codec} video.`;
    this.stopClock?.();
    this.store.getState().setPlayback({ playbackError: `${message} (${failure.detail})` });
  }
}
