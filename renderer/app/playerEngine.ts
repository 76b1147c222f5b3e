import type { OpenedMedia } from '../../electron/common/media';
import { toErrorShape } from '../../electron/common/errors';
import { codecDisplayName } from '../../electron/common/playability';
import type { UpscalePreset, UpscaleTier } from '../../electron/common/upscaling';
import { presetKey, presetLabel, scalerLabels } from '../../electron/common/upscaling';
import type { Command } from '../input/commands';
import type { KireiInspector } from './inspector';
import type { KireiState } from '../store';
import { Governor } from '../upscale/governor';
import { choosePreset } from '../upscale/presetChoice';
import { tiersOf } from '../upscale/presets';
import type { CapturedFrame } from '../upscale/stage';
import type { PresentedFrame } from '../video/frameClock';
import { startFrameClock } from '../video/frameClock';
import type { VideoFailure } from '../video/videoPlayer';
import { VideoPlayer } from '../video/videoPlayer';
import { formatTime } from './format';
import { takeScreenshot } from './screenshot';
import { updateSettings } from './settingsActions';
import { StageHost } from './stageHost';
import { AudioController } from './audioController';
import { playConverted } from './conversionPlayback';
import { SubtitleController } from './subtitleController';
import { TierCheck } from './tierCheck';

const progressIntervalMs = 5000;
const nextEpisodeCountdownMs = 10_000;

type Store = { getState(): KireiState; subscribe(listener: (state: KireiState, previous: KireiState) => void): () => void };

/** Frame counters for the readout, from requestVideoFrameCallback and the element's quality report. */
export interface FrameCounters {
  presented: number;
  dropped: number;
  /** Frames the GPU stage skipped because it was still busy with the one before. */
  skippedByGpu: number;
}

/**
 * Joins the decoder, the frame clock and the GPU stage, and runs commands. React only mounts it;
 * per-frame work never goes through React.
 */
export class PlayerEngine {
  private readonly player: VideoPlayer;
  readonly host: StageHost;
  private stopClock: (() => void) | null = null;
  private lastFrame: PresentedFrame | null = null;
  private media: OpenedMedia | null = null;
  private readonly unsubscribe: () => void;
  /** A file was opened: say which preset it got once the stage has applied it. */
  private announcePreset = false;
  private retryScheduled = false;
  private resumeNote: string | null = null;
  private drawnMediaTime: number | null = null;
  /** The newest frame time the stage reported. */
  private lastFrameMs = 0;
  readonly counters: FrameCounters = { presented: 0, dropped: 0, skippedByGpu: 0 };
  private readonly governor = new Governor(tiersOf);
  private readonly tierCheck: TierCheck;
  readonly subtitles: SubtitleController;
  readonly audio: AudioController;
  /** Why the governor moved away from the chosen preset; null while it runs the chosen one. */
  private governedReason: string | null = null;
  /**
   * For tests and demonstrations: a frame time that replaces the measured one, for every preset
   * or per preset key (each level of the ladder costing what a real GPU would make it cost).
   */
  frameTimeOverride: number | Record<string, number> | null = null;
  private readonly progressTimer: number;

  constructor(
    container: HTMLElement,
    private readonly store: Store,
  ) {
    this.player = new VideoPlayer({
      onState: (state) => this.store.getState().setPlayback(state),
      onFailure: (failure) => this.handleFailure(failure),
      onMetadata: (width, height) => this.handleMetadata(width, height),
    });
    container.appendChild(this.player.element);
    // Frame times before a pause, a seek or a speed change say nothing about those after it.
    for (const event of ['pause', 'seeking', 'ratechange']) this.player.element.addEventListener(event, () => this.governor.interrupt());
    // Progress: every few seconds while playing, at each pause, and at the end.
    this.progressTimer = window.setInterval(() => {
      if (!this.player.element.paused) void this.saveProgress(false);
    }, progressIntervalMs);
    this.player.element.addEventListener('pause', () => void this.saveProgress(false));
    this.player.element.addEventListener('ended', () => void this.finishEpisode());
    window.addEventListener('pagehide', this.saveOnLeave);
    this.host = new StageHost(container, store);
    this.tierCheck = new TierCheck(store);
    this.subtitles = new SubtitleController(container, store);
    this.audio = new AudioController(this.player.element, store);
    // The canvas's size in device pixels arrives after layout (and changes with the screen's scale): the subtitles follow it.
    this.host.onResize = this.placeSubtitles;
    this.host.onFrameTime = (milliseconds) => {
      this.lastFrameMs = milliseconds;
      if (this.host.timingSource === 'gpu' && this.frameTimeOverride === null) this.govern(milliseconds);
    };
    this.host.onReady = () => {
      this.configureStage();
      void this.applyPreset();
      void this.drawCurrentFrame();
      void this.tierCheck.runIfNeeded();
    };
    this.unsubscribe = store.subscribe((state, previous) => {
      if (state.settings !== previous.settings || state.manualPreset !== previous.manualPreset) {
        this.configureStage();
        void this.applyPreset();
        void this.tierCheck.runIfNeeded();
        this.subtitles.applySettings();
      }
    });
    const settings = store.getState().settings;
    this.player.setVolume(settings?.player.volume ?? 100);
    this.player.setMuted(settings?.player.muted ?? false);
    void this.host.start(settings?.upscaling.backend ?? 'auto');
  }

  open(media: OpenedMedia): void {
    this.media = media;
    const state = this.store.getState();
    state.resetPlayback();
    state.setManualPreset(null);
    this.stopClock?.();
    this.lastFrame = null;
    this.drawnMediaTime = null;
    this.counters.presented = 0;
    this.counters.dropped = 0;
    this.counters.skippedByGpu = 0;
    this.host.timings.clear();
    // A new file starts from its own chosen preset; what the governor learned was about the last one.
    this.governor.reset({ kind: 'off' });
    this.governedReason = null;
    const assessment = state.assessment;
    if (assessment && !assessment.canPlay && !media.conversion) {
      state.setPlayback({ playbackError: { message: assessment.blockingProblem ?? 'The built-in player cannot play it.', detail: null } });
      return;
    }
    if (!media.conversion) {
      for (const problem of assessment?.audioProblems ?? []) {
        state.pushToast({ kind: 'warning', text: `${problem.message} The video plays without that sound.` });
      }
    }
    for (const warning of media.probe.warnings) state.pushToast({ kind: 'warning', text: warning });
    const video = media.probe.video;
    // A transcoded picture is 8-bit H.264 whatever the source was.
    this.host.stage?.setHighPrecisionSource((video?.bitDepth ?? 8) > 8 && media.conversion?.video !== 'transcode');
    this.announcePreset = true;
    void this.applyPreset();
    this.audio.open(media);
    const resume = media.resumePosition;
    const resumes = resume !== null && resume > 1 && resume < (media.probe.durationSeconds ?? Infinity) * 0.95;
    const converted = playConverted(this.player, media, this.store, resumes ? resume - 0.5 : 0);
    this.audio.useConverted(converted);
    if (!converted) this.player.load(media.url, video?.frameRate ?? null);
    void this.subtitles.open(media);
    this.store.getState().setNextOffer(null);
    if (resumes) {
      this.player.element.addEventListener(
        'loadedmetadata',
        () => {
          this.player.seekTo(resume);
          // One message: the preset announcement (if still to come) carries it.
          if (this.announcePreset) this.resumeNote = `Resuming at ${formatTime(resume)}`;
          else this.store.getState().showOsd(`Resuming at ${formatTime(resume)}`, 2500);
        },
        { once: true },
      );
    }
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
        if (command.property === 'sub') this.subtitles.cycle(command.direction);
        else if (command.property === 'audio') this.audio.cycle(command.direction);
        else if (command.property === 'sub-visibility') this.subtitles.toggleVisible();
        else this.cycle(command.property);
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
        } else if (command.property === 'sub-delay') {
          this.subtitles.addDelay(command.value);
        } else if (command.property === 'sub-scale') {
          this.subtitles.addScale(command.value);
        } else if (command.property === 'speed') {
          state.showOsd(`Speed: ${player.setSpeed(player.speed + command.value).toFixed(2)}`);
        } else {
          this.moveDivider((state.settings?.compare.position ?? 0.5) + command.value);
        }
        return;
      case 'multiply':
        state.showOsd(`Speed: ${player.setSpeed(player.speed * command.factor).toFixed(2)}`);
        return;
      case 'frame-step':
        player.frameStep(command.direction, this.lastFrame?.mediaTime ?? null);
        return;
      case 'anime4k-mode':
        this.chooseMode(command.mode);
        return;
      case 'show-help':
        state.setHelpVisible(!state.helpVisible);
        return;
      case 'quit':
        this.close();
        return;
      case 'screenshot':
        void this.screenshot(command.what);
        return;
      case 'magnifier':
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

  /** Moves the compare divider (a share of the picture's width) and remembers it. */
  moveDivider(position: number): void {
    const settings = this.store.getState().settings;
    if (!settings) return;
    const clamped = Math.min(1, Math.max(0, position));
    // Draw at once; the saved setting follows.
    this.host.setCompare({ enabled: settings.compare.enabled, position: clamped, referenceScaler: settings.upscaling.referenceScaler });
    void updateSettings({ compare: { ...settings.compare, position: clamped } });
  }

  /** Back to the start screen: save where the viewer was, stop decoding, let the main process forget the id. */
  close(): void {
    const media = this.media;
    const saved = this.saveProgress(true);
    this.media = null;
    this.store.getState().setNextOffer(null);
    this.stopClock?.();
    this.stopClock = null;
    this.player.unload();
    this.subtitles.close();
    this.audio.close();
    void this.setFullscreen(false);
    this.store.getState().closeMedia();
    if (media) void saved.finally(() => window.kirei.media.close({ id: media.id }).catch(() => undefined));
  }

  /** Tells the library where the viewer is in the open file. */
  private saveProgress(final: boolean): Promise<void> {
    const media = this.media;
    const video = this.player.element;
    if (!media || !Number.isFinite(video.currentTime) || video.readyState === 0) return Promise.resolve();
    const duration = Number.isFinite(video.duration) && video.duration > 0 ? video.duration : media.probe.durationSeconds;
    return window.kirei.library
      .saveProgress({ mediaId: media.id, position: video.currentTime, duration: duration ?? null, final })
      .then(
        () => undefined,
        (error: unknown) => console.warn('progress was not saved', error),
      );
  }

  private readonly saveOnLeave = () => void this.saveProgress(true);

  /** At the end: record it as watched and offer the next episode, which starts after a countdown. */
  private async finishEpisode(): Promise<void> {
    const media = this.media;
    await this.saveProgress(true);
    if (!media || this.media !== media) return;
    const next = await window.kirei.library.nextEpisode({ mediaId: media.id }).catch(() => null);
    if (next && this.media === media) this.store.getState().setNextOffer({ ...next, startsAt: performance.now() + nextEpisodeCountdownMs });
  }

  /**
   * The whole picture twice, as the reference scaler and as the upscaled image: the divider is
   * moved to each edge for one capture each, then put back.
   */
  async captureBothSides(): Promise<{ reference: CapturedFrame; upscaled: CapturedFrame } | null> {
    const stage = this.host.stage;
    const settings = this.store.getState().settings;
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

  capture(): Promise<CapturedFrame | null> {
    return this.host.stage?.capture() ?? Promise.resolve(null);
  }

  /** Read-only hooks for bug reports and end-to-end tests (window.kireiInspector). */
  inspector(): KireiInspector {
    return {
      captureFrame: () => this.capture(),
      presentedMediaTime: () => this.presentedMediaTime,
      stageInfo: () => {
        const info = this.host.stage?.info;
        return info ? { ...info, reason: this.store.getState().stage?.reason ?? '' } : null;
      },
      pictureRect: () => this.host.stage?.pictureRect() ?? { x: 0, y: 0, width: 0, height: 0 },
      presetReason: () => this.store.getState().presetReason,
      messages: () => this.store.getState().osdLog,
      notices: () => this.store.getState().toastLog,
      loseContext: () => this.host.diagnostics?.loseContext() ?? false,
      overrideFrameTime: (milliseconds) => {
        this.frameTimeOverride = milliseconds;
      },
    };
  }

  /** Media time of the frame the stage holds: a frame the busy GPU skipped does not count until drawn. */
  get presentedMediaTime(): number | null {
    return this.drawnMediaTime;
  }

  get video(): HTMLVideoElement {
    return this.player.element;
  }

  get openedMedia(): OpenedMedia | null {
    return this.media;
  }

  dispose(): void {
    window.clearInterval(this.progressTimer);
    window.removeEventListener('pagehide', this.saveOnLeave);
    this.stopClock?.();
    this.unsubscribe();
    this.subtitles.dispose();
    this.player.dispose();
    this.player.element.remove();
    this.host.dispose();
  }

  private cycle(property: 'pause' | 'mute' | 'fullscreen' | 'anime4k-tier' | 'compare' | 'stats'): void {
    const state = this.store.getState();
    const player = this.player;
    switch (property) {
      case 'pause':
        void player.togglePause();
        state.showOsd(player.element.paused ? 'Paused' : 'Playing');
        return;
      case 'mute':
        player.setMuted(!player.element.muted);
        state.showOsd(player.element.muted ? 'Mute: yes' : 'Mute: no');
        return;
      case 'fullscreen':
        void this.setFullscreen(!document.fullscreenElement);
        return;
      case 'stats':
        state.toggleStats();
        return;
      case 'compare': {
        const settings = state.settings;
        if (!settings) return;
        const enabled = !settings.compare.enabled;
        void updateSettings({ compare: { ...settings.compare, enabled } });
        state.showOsd(enabled ? `Compare: ${scalerLabels[settings.upscaling.referenceScaler]} | ${presetLabel(state.activePreset)}` : 'Compare: off');
        return;
      }
      case 'anime4k-tier': {
        // The viewer's latest pick may still be compiling; cycle from it, not from what draws now.
        const active = state.manualPreset ?? state.activePreset;
        if (active.kind !== 'cnn') {
          state.showOsd('Tiers apply to the Anime4K CNN modes');
          return;
        }
        const tiers = tiersOf(active.mode);
        const next: UpscaleTier = tiers[(tiers.indexOf(active.tier) + 1) % tiers.length] ?? 'hq';
        this.choose({ kind: 'cnn', mode: active.mode, tier: next });
        return;
      }
    }
  }

  private chooseMode(mode: 'off' | 'classic' | 'A' | 'B' | 'C' | 'A+A' | 'B+B' | 'C+A'): void {
    const state = this.store.getState();
    if (mode === 'off' || mode === 'classic') {
      this.choose({ kind: mode });
      return;
    }
    const tiers = tiersOf(mode);
    const current = state.activePreset.kind === 'cnn' ? state.activePreset.tier : 'hq';
    this.choose({ kind: 'cnn', mode, tier: tiers.includes(current) ? current : 'hq' });
  }

  private choose(preset: UpscalePreset): void {
    this.store.getState().setManualPreset(preset);
    this.store.getState().showOsd(`Anime4K: ${presetLabel(preset)}`, 2000);
  }

  /** The viewer's pick from the menu; null goes back to the automatic choice. */
  choosePreset(preset: UpscalePreset | null): void {
    if (preset) {
      this.choose(preset);
      return;
    }
    this.store.getState().setManualPreset(null);
    this.announcePreset = true;
  }

  private configureStage(): void {
    const stage = this.host.stage;
    const settings = this.store.getState().settings;
    if (!stage || !settings) return;
    stage.setScaler(settings.upscaling.scaler);
    stage.setCompare({ enabled: settings.compare.enabled, position: settings.compare.position, referenceScaler: settings.upscaling.referenceScaler });
    stage.redraw();
  }

  /** Chooses the preset for the open file (rules, series, the viewer's pick) and applies it. */
  private async applyPreset(): Promise<void> {
    const state = this.store.getState();
    const settings = state.settings;
    const height = this.media?.probe.video?.height;
    if (!settings || !height || !this.host.stage) return;
    const choice = choosePreset(settings.upscaling, height, { manual: state.manualPreset, seriesKey: this.media?.series?.key ?? null });
    if (presetKey(choice.preset) !== presetKey(this.governor.chosen)) {
      this.governor.reset(choice.preset);
      this.governedReason = null;
    }
    const governed = settings.upscaling.governor && this.governedReason !== null;
    await this.host.applyPreset(governed ? this.governor.preset : choice.preset, governed ? (this.governedReason ?? '') : choice.reason);
    if (this.announcePreset) {
      this.announcePreset = false;
      const note = this.resumeNote;
      this.resumeNote = null;
      this.store.getState().showOsd(note ? `${note} · ${this.store.getState().presetReason}` : this.store.getState().presetReason, note ? 2500 : 2000);
    }
  }

  private handleFrame(frame: PresentedFrame): void {
    if (this.lastFrame && frame.presentedFrames > this.lastFrame.presentedFrames + 1) {
      this.counters.dropped += frame.presentedFrames - this.lastFrame.presentedFrames - 1;
    }
    this.counters.presented++;
    this.lastFrame = frame;
    const drawn = this.drawCurrentFrame();
    const video = this.player.element;
    this.subtitles.frame(frame.mediaTime, video.videoWidth, video.videoHeight, this.pictureBox());
    if (!drawn) {
      this.counters.skippedByGpu++;
      this.retryDraw();
    }
    const override = this.overriddenFrameTime();
    if (override !== null) this.govern(override);
    else if (this.host.timingSource === 'cpu') {
      // Without GPU timers the only honest signal is whether the GPU finished the previous frame
      // before this one came: a skipped frame took longer than the frame interval.
      this.govern(drawn ? this.lastFrameMs : this.frameBudgetMs() * 1.25);
    }
  }

  /**
   * Saves what is on screen as mpv does: the upscaled picture at output resolution with subtitles,
   * without them, or the whole window as shown.
   */
  async screenshot(what: 'subtitles' | 'video' | 'window'): Promise<string | null> {
    const state = this.store.getState();
    const media = this.media;
    if (!media) return null;
    const mediaTime = this.lastFrame?.mediaTime ?? this.player.element.currentTime;
    try {
      const saved = await takeScreenshot(what, {
        mediaId: media.id,
        mediaTime,
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
  pictureBox(): { x: number; y: number; width: number; height: number } {
    const rect = this.host.stage?.pictureRect() ?? { x: 0, y: 0, width: 0, height: 0 };
    const canvas = this.host.canvasElement;
    // The canvas's own pixels per CSS pixel: devicePixelRatio and the canvas's device size can disagree (zoom, emulated scales).
    const ratio = canvas && canvas.clientWidth > 0 ? canvas.width / canvas.clientWidth : window.devicePixelRatio || 1;
    return { x: rect.x / ratio, y: rect.y / ratio, width: rect.width / ratio, height: rect.height / ratio };
  }

  private readonly placeSubtitles = () => {
    // The stage takes its new size in the same frame; place the layer after it.
    requestAnimationFrame(() => {
      this.subtitles.place(this.pictureBox());
    });
  };

  private overriddenFrameTime(): number | null {
    const override = this.frameTimeOverride;
    if (override === null || typeof override === 'number') return override;
    return override[presetKey(this.governor.preset)] ?? null;
  }

  /** The time one frame may take: the video's frame interval at the current speed. */
  frameBudgetMs(): number {
    const frameRate = this.media?.probe.video?.frameRate ?? 24;
    return 1000 / (frameRate * Math.max(0.1, this.player.speed));
  }

  private govern(frameMs: number): void {
    const settings = this.store.getState().settings;
    if (!settings?.upscaling.governor || this.player.element.paused || this.governor.chosen.kind === 'off') return;
    const from = presetLabel(this.governor.preset);
    const decision = this.governor.observe(frameMs, this.frameBudgetMs(), performance.now());
    if (!decision) return;
    const label = presetLabel(decision.preset);
    const figures = `GPU ${decision.averageMs.toFixed(1)} ms of a ${decision.budgetMs.toFixed(1)} ms frame`;
    const back = presetKey(decision.preset) === presetKey(this.governor.chosen);
    // The figures go to the readout; the message says what happens in words.
    this.governedReason = back ? null : `Governor: ${decision.action === 'down' ? 'GPU too slow' : 'GPU has room'} (${figures}) → ${label}`;
    this.store
      .getState()
      .showOsd(
        decision.action === 'down' ? `This graphics card is too slow for ${from}; using ${label}` : `The graphics card has room again: ${label}`,
        3500,
      );
    void this.applyPreset();
  }

  /**
   * A frame the busy GPU skipped is drawn as soon as the GPU is free, unless a newer one came:
   * when playback pauses on a skipped frame, the picture must still catch up with the video.
   */
  private retryDraw(): void {
    if (this.retryScheduled) return;
    this.retryScheduled = true;
    requestAnimationFrame(() => {
      this.retryScheduled = false;
      if (!this.drawCurrentFrame()) this.retryDraw();
    });
  }

  private drawCurrentFrame(): boolean {
    const video = this.player.element;
    if (!this.lastFrame || video.videoWidth === 0) return true;
    const drawn = this.host.stage?.render(video, video.videoWidth, video.videoHeight) ?? true;
    if (drawn) {
      this.drawnMediaTime = this.lastFrame.mediaTime;
      if (!this.store.getState().pictureShown) this.store.getState().setPlayback({ pictureShown: true });
    }
    return drawn;
  }

  private handleMetadata(width: number, height: number): void {
    const video = this.media?.probe.video;
    if (video && (width === 0 || height === 0)) {
      this.handleFailure({ code: 4, detail: 'the decoder produced no picture' });
    }
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
    this.store.getState().setPlayback({ playbackError: { message, detail: failure.detail } });
  }
}
