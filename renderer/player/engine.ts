import type { OpenedMedia } from '../../electron/common/media';
import { toErrorShape } from '../../electron/common/errors';
import { codecDisplayName } from '../../electron/common/playability';
import { presetKey, presetLabel } from '../../electron/common/upscaling';
import type { CssRect } from '../upscale/geometry';
import { startFrameClock } from '../video/frameClock';
import type { VideoFailure } from '../video/videoPlayer';
import { VideoPlayer } from '../video/videoPlayer';
import { AudioController } from './audioController';
import { CommandRunner } from './commands';
import { playConverted } from './conversionPlayback';
import type { PictureView, PlayerControls } from './facades';
import { formatTime } from './format';
import { FrameLoop } from './frameLoop';
import type { KireiInspector } from './inspector';
import type { PlayerPorts } from './ports';
import { PresetController } from './presetController';
import { Progress, resumePosition } from './progress';
import { takeScreenshot } from './screenshot';
import { updateSettings } from './settingsActions';
import { StageHost } from './stageHost';
import { SubtitleController } from './subtitleController';
import { TierCheck } from './tierCheck';

/**
 * Joins the parts of the player: the decoder, the stage, the frame loop, the preset controller,
 * progress, subtitles, audio and the commands. React only mounts it and talks to it through the
 * facades (`controls`, `picture`); per-frame work never goes through React.
 */
export class PlayerEngine {
  private readonly player: VideoPlayer;
  private readonly host: StageHost;
  private readonly frames: FrameLoop;
  private readonly presets: PresetController;
  private readonly progress: Progress;
  private readonly subtitles: SubtitleController;
  private readonly audio: AudioController;
  private readonly tierCheck: TierCheck;
  private readonly commands: CommandRunner;
  private media: OpenedMedia | null = null;
  /** The newest fresh frame time the stage reported. */
  private lastFrameMs = 0;
  /** Set by the inspector only (tests, demonstrations): frame times that replace the measured ones. */
  private frameTimeOverride: number | Record<string, number> | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    container: HTMLElement,
    private readonly ports: PlayerPorts,
  ) {
    const { store } = ports;
    this.player = new VideoPlayer({
      onState: (state) => store.getState().setPlayback(state),
      onFailure: (failure) => this.handleFailure(failure),
      onMetadata: (width, height) => this.handleMetadata(width, height),
    });
    container.appendChild(this.player.element);
    this.host = new StageHost(container, ports);
    this.presets = new PresetController(ports, this.host);
    this.progress = new Progress(ports, this.player.element);
    this.tierCheck = new TierCheck(ports);
    this.subtitles = new SubtitleController(container, ports);
    this.audio = new AudioController(this.player.element, ports);
    this.frames = new FrameLoop({
      video: this.player.element,
      stage: () => this.host.stage,
      startClock: (onFrame) => startFrameClock(this.player.element, onFrame),
      nextRefresh: (callback) => requestAnimationFrame(callback),
      onFrame: (frame, drawn) => {
        const video = this.player.element;
        this.subtitles.frame(frame.mediaTime, video.videoWidth, video.videoHeight, this.pictureBox());
        this.feedGovernor(drawn);
      },
      onFirstPicture: () => store.getState().setPlayback({ pictureShown: true }),
    });
    this.commands = new CommandRunner(ports, {
      player: this.player,
      subtitles: this.subtitles,
      audio: this.audio,
      presets: this.presets,
      view: {
        setFullscreen: (on) => this.setFullscreen(on),
        get fullscreen() {
          return document.fullscreenElement !== null;
        },
        moveDivider: (position) => this.moveDivider(position),
        close: () => this.close(),
        screenshot: (what) => this.screenshot(what),
      },
      latestMediaTime: () => this.frames.latestMediaTime,
    });
    // Frame times before a pause, a seek or a speed change say nothing about those after it.
    for (const event of ['pause', 'seeking', 'ratechange']) this.player.element.addEventListener(event, () => this.presets.interrupt());
    // The canvas's size in device pixels arrives after layout (and changes with the screen's scale): the subtitles follow it.
    this.host.onResize = () => requestAnimationFrame(() => this.subtitles.place(this.pictureBox()));
    this.host.onFrameTime = (milliseconds) => {
      this.lastFrameMs = milliseconds;
      if (this.host.timingSource === 'gpu' && this.frameTimeOverride === null) this.presets.observe(milliseconds, this.frameBudgetMs(), this.player.element.paused);
    };
    this.host.onRepeat = (reused) => {
      if (reused) this.frames.counters.reused++;
    };
    this.host.onPresetFailed = (failure, lane) => {
      if (lane === 'picture') void this.presets.failedWhileRunning(failure);
      else store.getState().pushToast({ kind: 'error', text: 'The left side of the split could not run at this size, so it shows the plain scaler.', detail: `${failure.description}\n${failure.message}` });
    };
    this.host.onReady = () => {
      this.configureStage();
      this.presets.refresh();
      this.frames.drawCurrent();
      void this.tierCheck.runIfNeeded();
    };
    // One concern per subscription: the settings alone move the stage, the preset and the subtitles.
    this.unsubscribe = store.subscribe((state, previous) => {
      if (state.settings === previous.settings) return;
      this.configureStage();
      this.presets.refresh();
      void this.tierCheck.runIfNeeded();
      this.subtitles.applySettings();
    });
    const settings = store.getState().settings;
    this.player.setVolume(settings?.player.volume ?? 100);
    this.player.setMuted(settings?.player.muted ?? false);
    void this.host.start(settings?.upscaling.backend ?? 'auto');
  }

  open(media: OpenedMedia): void {
    this.media = media;
    const state = this.ports.store.getState();
    state.resetPlayback();
    this.frames.stop();
    this.host.timings.clear();
    const assessment = state.assessment;
    if (assessment && !assessment.canPlay && !media.conversion) {
      state.setPlayback({ playbackError: { message: assessment.blockingProblem ?? 'The built-in player cannot play it.', detail: null } });
      return;
    }
    if (!media.conversion) {
      for (const problem of assessment?.audioProblems ?? []) state.pushToast({ kind: 'warning', text: `${problem.message} The video plays without that sound.` });
    }
    for (const warning of media.probe.warnings) state.pushToast({ kind: 'warning', text: warning });
    const video = media.probe.video;
    // A transcoded picture is 8-bit H.264 whatever the source was.
    this.host.stage?.setHighPrecisionSource((video?.bitDepth ?? 8) > 8 && media.conversion?.video !== 'transcode');
    this.presets.open(media);
    this.progress.open(media);
    this.audio.open(media);
    const resume = resumePosition(media);
    const converted = playConverted(this.player, media, this.ports, resume !== null ? resume - 0.5 : 0);
    this.audio.useConverted(converted);
    if (!converted) this.player.load(media.url, video?.frameRate ?? null);
    void this.subtitles.open(media);
    if (resume !== null) {
      this.player.element.addEventListener(
        'loadedmetadata',
        () => {
          this.player.seekTo(resume);
          this.presets.say(`Resuming at ${formatTime(resume)}`);
        },
        { once: true },
      );
    }
    this.frames.start();
    void this.player.play().catch((error: unknown) => {
      // Autoplay can be refused; the viewer presses play instead.
      console.warn('play() was refused', error);
    });
  }

  /** Back to the start screen: save where the viewer was, stop decoding, let the main process forget the id. */
  close(): void {
    const media = this.media;
    const saved = this.progress.close();
    this.media = null;
    this.frames.stop();
    this.player.unload();
    this.subtitles.close();
    this.audio.close();
    this.presets.close();
    void this.setFullscreen(false);
    this.ports.store.getState().closeMedia();
    if (media) void saved.finally(() => this.ports.bridge.media.close({ id: media.id }).catch(() => undefined));
  }

  /** For the player's bars, keys and menus. */
  readonly controls: PlayerControls = {
    run: (command) => this.commands.run(command),
    togglePause: () => void this.player.togglePause(),
    seekTo: (seconds) => void this.player.seekTo(seconds),
    setVolume: (volume) => {
      this.player.setMuted(false);
      this.player.setVolume(volume);
    },
    toggleMute: () => this.player.setMuted(!this.player.element.muted),
    setSpeed: (speed) => void this.player.setSpeed(speed),
    setFullscreen: (on) => this.setFullscreen(on),
    choosePreset: (preset) => this.presets.choose(preset),
    selectAudio: (position) => this.audio.select(position),
    selectSubtitles: (trackId) => void this.subtitles.select(trackId),
    toggleSubtitles: () => this.subtitles.toggleVisible(),
    addSubtitleDelay: (seconds) => this.subtitles.addDelay(seconds),
    setBarsCover: (top, bottom) => this.subtitles.setCovered(top, bottom),
    close: () => this.close(),
  };

  /** For the overlays on the picture. */
  readonly picture: PictureView = {
    canvas: () => this.host.canvasElement,
    pictureRect: () => this.host.stage?.pictureRect() ?? { x: 0, y: 0, width: 0, height: 0 },
    previewDivider: (position) => {
      const settings = this.ports.store.getState().settings;
      if (settings) this.host.setCompare({ enabled: true, position, referenceScaler: settings.upscaling.referenceScaler });
    },
    moveDivider: (position) => this.moveDivider(position),
    captureBothSides: () => this.captureBothSides(),
    isPlaying: () => !this.player.element.paused,
    readout: () => {
      const video = this.player.element;
      const quality = video.getVideoPlaybackQuality();
      const source = this.media?.probe.video;
      return {
        totals: this.host.timings.totals(),
        passes: this.host.timings.passes(),
        timing: this.host.timingSource,
        counters: this.frames.counters,
        frameRate: source?.frameRate ?? 24,
        budgetMs: this.frameBudgetMs(),
        decoder: { decoded: quality.totalVideoFrames, dropped: quality.droppedVideoFrames },
        source: source ? { width: source.width, height: source.height } : null,
        output: this.host.stage?.pictureRect() ?? null,
      };
    },
  };

  /** Read-only hooks for bug reports and end-to-end tests (window.kireiInspector). */
  inspector(): KireiInspector {
    return {
      captureFrame: () => this.host.stage?.capture() ?? Promise.resolve(null),
      presentedMediaTime: () => this.frames.presentedMediaTime,
      stageInfo: () => {
        const info = this.host.stage?.info;
        return info ? { ...info, reason: this.ports.store.getState().stage?.reason ?? '' } : null;
      },
      pictureRect: () => this.host.stage?.pictureRect() ?? { x: 0, y: 0, width: 0, height: 0 },
      presetReason: () => this.ports.store.getState().presetReason,
      messages: () => this.ports.store.getState().osdLog,
      notices: () => this.ports.store.getState().toastLog,
      loseContext: () => this.host.diagnostics?.loseContext() ?? false,
      overrideFrameTime: (milliseconds) => {
        this.frameTimeOverride = milliseconds;
      },
    };
  }

  dispose(): void {
    this.progress.dispose();
    this.frames.stop();
    this.unsubscribe();
    this.subtitles.dispose();
    this.player.dispose();
    this.player.element.remove();
    this.host.dispose();
  }

  private setFullscreen(on: boolean): Promise<void> {
    if (on && !document.fullscreenElement) return document.documentElement.requestFullscreen().catch(() => undefined);
    if (!on && document.fullscreenElement) return document.exitFullscreen().catch(() => undefined);
    return Promise.resolve();
  }

  /** Moves the compare divider (a share of the picture's width) and remembers it. */
  private moveDivider(position: number): void {
    const settings = this.ports.store.getState().settings;
    if (!settings) return;
    const clamped = Math.min(1, Math.max(0, position));
    // Draw at once; the saved setting follows.
    this.host.setCompare({ enabled: settings.compare.enabled, position: clamped, referenceScaler: settings.upscaling.referenceScaler });
    void updateSettings(this.ports, { compare: { ...settings.compare, position: clamped } });
  }

  /** The whole picture twice: the divider moved to each edge for one capture each, then put back. */
  private async captureBothSides() {
    const stage = this.host.stage;
    const settings = this.ports.store.getState().settings;
    if (!stage || !settings) return null;
    const referenceScaler = settings.upscaling.referenceScaler;
    try {
      stage.setCompare({ enabled: true, position: 1, referenceScaler });
      const reference = await stage.capture();
      stage.setCompare({ enabled: true, position: 0, referenceScaler });
      const upscaled = await stage.capture();
      return reference && upscaled ? { reference, upscaled } : null;
    } finally {
      stage.setCompare({ ...settings.compare, referenceScaler });
      stage.redraw();
    }
  }

  /** Saves what is on screen as mpv does: the upscaled picture with subtitles, without them, or the whole window. */
  private async screenshot(what: 'subtitles' | 'video' | 'window'): Promise<string | null> {
    const state = this.ports.store.getState();
    const media = this.media;
    if (!media) return null;
    try {
      const saved = await takeScreenshot(what, {
        bridge: this.ports.bridge,
        mediaId: media.id,
        mediaTime: this.frames.latestMediaTime ?? this.player.element.currentTime,
        stage: this.host.stage,
        subtitlesShowing: this.subtitles.showing,
        pictureBox: this.pictureBox(),
      });
      state.showOsd(`Screenshot saved: ${saved.path}`, 4000);
      return saved.path;
    } catch (error) {
      const shape = toErrorShape(error);
      state.pushToast({ kind: 'error', text: `The screenshot could not be saved: ${shape.message}`, detail: shape.detail });
      return null;
    }
  }

  /** Where the picture lies in the player surface, in CSS pixels: the subtitle layer lies over exactly that. */
  private pictureBox(): CssRect {
    const rect = this.host.stage?.pictureRect() ?? { x: 0, y: 0, width: 0, height: 0 };
    const canvas = this.host.canvasElement;
    // The canvas's own pixels per CSS pixel: devicePixelRatio and the canvas's device size can disagree (zoom, emulated scales).
    const ratio = canvas && canvas.clientWidth > 0 ? canvas.width / canvas.clientWidth : window.devicePixelRatio || 1;
    return { x: rect.x / ratio, y: rect.y / ratio, width: rect.width / ratio, height: rect.height / ratio };
  }

  private configureStage(): void {
    const stage = this.host.stage;
    const settings = this.ports.store.getState().settings;
    if (!stage || !settings) return;
    stage.setScaler(settings.upscaling.scaler);
    stage.setReuseRepeats(settings.upscaling.reuseRepeats);
    stage.setCompare({ enabled: settings.compare.enabled, position: settings.compare.position, referenceScaler: settings.upscaling.referenceScaler });
    stage.redraw();
    // The left side's own preset is compiled only while the split shows it.
    const left = settings.compare.enabled ? settings.compare.left : null;
    void this.host.compileComparePreset(left).then((failure) => {
      if (!failure || !left) return;
      this.ports.store.getState().pushToast({
        kind: 'error',
        text: `${presetLabel(left)} could not run on the left of the split, so that side shows the plain scaler.`,
        detail: `${failure.description}\n${failure.message}\n\n${failure.numberedSource}`,
      });
    });
  }

  /**
   * The governor's input per frame: the inspector's override when set; without GPU timers, the
   * only honest signal is whether the GPU finished the last frame before this one came (a skipped
   * frame took longer than the frame interval).
   */
  private feedGovernor(drawn: boolean): void {
    const paused = this.player.element.paused;
    const override = this.frameTimeOverride;
    const overridden = override === null || typeof override === 'number' ? override : (override[presetKey(this.presets.running)] ?? null);
    if (overridden !== null) this.presets.observe(overridden, this.frameBudgetMs(), paused);
    else if (this.host.timingSource === 'cpu') this.presets.observe(drawn ? this.lastFrameMs : this.frameBudgetMs() * 1.25, this.frameBudgetMs(), paused);
  }

  /** The time one frame may take: the video's frame interval at the current speed. */
  private frameBudgetMs(): number {
    const frameRate = this.media?.probe.video?.frameRate ?? 24;
    return 1000 / (frameRate * Math.max(0.1, this.player.speed));
  }

  private handleMetadata(width: number, height: number): void {
    if (this.media?.probe.video && (width === 0 || height === 0)) this.handleFailure({ code: 4, detail: 'the decoder produced no picture' });
  }

  private handleFailure(failure: VideoFailure): void {
    const video = this.media?.probe.video;
    const codec = video ? codecDisplayName(video.codec) : 'unknown';
    const depth = video?.bitDepth && video.bitDepth > 8 ? ` ${video.bitDepth}-bit` : '';
    const message =
      failure.code === 2 ? 'Reading the file failed part-way. The file may be on a disconnected drive.' : `The built-in player could not decode this${depth} ${codec} video.`;
    this.frames.stop();
    this.ports.store.getState().setPlayback({ playbackError: { message, detail: failure.detail } });
  }
}
