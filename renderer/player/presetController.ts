import type { OpenedMedia } from '../../electron/common/media';
import type { Anime4kMode, UpscalePreset, UpscaleTier } from '../../electron/common/upscaling';
import { presetKey, presetLabel } from '../../electron/common/upscaling';
import { Governor } from '../upscale/governor';
import type { PictureEstimate } from '../../electron/common/picture';
import { smallestMeasuredHeight } from '../../electron/common/picture';
import { ownRules } from '../../electron/common/settings';
import { choosePreset } from '../upscale/presetChoice';
import { tiersOf } from '../upscale/presets';
import type { PictureState, PresetState } from '../store/pipelineSlice';
import type { PlayerPorts } from './ports';
import { chainOf } from './shaderChains';
import type { CompileOutcome } from './stageHost';
import type { PassFailure } from '../upscale/stage';

/** What the controller needs of the stage's owner: compiling a preset for it. */
export interface PresetCompiler {
  compilePreset(preset: UpscalePreset): Promise<CompileOutcome>;
}

/**
 * Which preset draws, and why: the rules for the source's height, the series' own choice, the
 * viewer's pick, and the governor's step when the GPU cannot keep up. It is the only writer of the
 * active preset, its reason and the viewer's pick in the store, and says in words what it chose.
 */
export class PresetController {
  private readonly governor = new Governor(tiersOf);
  /** Why the governor moved away from the chosen preset; null while it runs the chosen one. */
  private governedReason: string | null = null;
  private manual: UpscalePreset | null = null;
  private media: { id: string; height: number | null; seriesKey: string | null } | null = null;
  /** What the open file's picture showed (its own measurement, or its series' until that is made). */
  private picture: PictureEstimate | null = null;
  /** The file whose picture was looked at (or is being looked at): once per file, however the settings change. */
  private lookedAt: string | null = null;
  /** A file was opened (or the viewer went back to automatic): say which preset it got once it runs. */
  private announce = false;
  /** Said together with the announcement ("Resuming at 12:34"). */
  private note: string | null = null;

  constructor(
    private readonly ports: PlayerPorts,
    private readonly compiler: PresetCompiler,
  ) {}

  /** A file opened: its own choice, and nothing learned from the last one. */
  open(media: OpenedMedia): void {
    this.media = { id: media.id, height: media.probe.video?.height ?? null, seriesKey: media.series?.key ?? null };
    this.picture = null;
    this.manual = null;
    this.governor.reset({ kind: 'off' });
    this.governedReason = null;
    this.announce = true;
    this.note = null;
    this.publish({ manualPreset: null, picture: null });
    void this.apply();
    void this.measurePicture(media.id);
  }

  close(): void {
    this.media = null;
    this.picture = null;
    this.publish({ picture: null });
  }

  /**
   * Looks at the picture when the setting asks for it: what is stored (the file's, else its
   * series') at once, then the file's own measurement, made in the main process off the playback
   * path. The episode starts with the rule's choice; a different choice from the picture follows
   * within seconds, said on screen.
   */
  private async measurePicture(id: string): Promise<void> {
    const upscaling = this.ports.store.getState().settings?.upscaling;
    if (!upscaling?.fromPicture) {
      this.publish({ picture: skipped('“Choose the mode from the picture” is off') });
      return;
    }
    this.lookedAt = id;
    await this.lookAtPicture(id);
  }

  private async lookAtPicture(id: string): Promise<void> {
    const current = () => this.media?.id === id;
    const stored = await Promise.resolve()
      .then(() => this.ports.bridge.media.picture({ id, measure: false }))
      .catch(() => null);
    if (!current()) return;
    if (stored) this.usePicture(stored);
    if (stored?.source === 'file') return;
    const height = this.media?.height ?? 0;
    if (height < smallestMeasuredHeight) {
      if (!stored) this.publish({ picture: skipped(`a ${height}-line file keeps the rules: files from ${smallestMeasuredHeight} lines up are measured`) });
      return;
    }
    this.publish({ picture: { status: 'measuring', estimate: stored, problem: null } });
    try {
      const measured = await this.ports.bridge.media.picture({ id, measure: true });
      if (!current()) return;
      if (measured) this.usePicture(measured);
      else this.publish({ picture: skipped('pictures larger than 4096×2160 keep the rules') });
    } catch (error) {
      if (!current()) return;
      const problem = error instanceof Error ? error.message : String(error);
      this.publish({ picture: { status: 'failed', estimate: this.picture, problem } });
    }
  }

  private usePicture(estimate: PictureEstimate): void {
    this.picture = estimate;
    this.publish({ picture: { status: estimate.source === 'file' ? 'measured' : 'measuring', estimate, problem: null } });
    const settings = this.ports.store.getState().settings;
    // Say the new reason when the picture decides (not the viewer's pick, series or own rules).
    const series = this.media?.seriesKey ? settings?.upscaling.seriesOverrides[this.media.seriesKey] : undefined;
    if (settings && !this.manual && !series && !ownRules(settings.upscaling)) this.announce = true;
    void this.apply();
  }

  /** Said with the preset's announcement if that is still to come, else on its own. */
  say(note: string): void {
    if (this.announce) this.note = note;
    else this.ports.store.getState().showOsd(note, 2500);
  }

  /** The viewer's pick (menu, keys); null goes back to the automatic choice. */
  choose(preset: UpscalePreset | null): void {
    this.manual = preset;
    this.publish({ manualPreset: preset });
    if (preset) this.ports.store.getState().showOsd(`Anime4K: ${presetLabel(preset)}`, 2000);
    else this.announce = true;
    void this.apply();
  }

  /** mpv-style mode keys (Ctrl+1…6, Ctrl+0): the tier the viewer was on, where the mode has it. */
  chooseMode(mode: 'off' | 'classic' | Anime4kMode): void {
    if (mode === 'off' || mode === 'classic') {
      this.choose({ kind: mode });
      return;
    }
    const active = this.ports.store.getState().activePreset;
    const current = active.kind === 'cnn' ? active.tier : 'hq';
    this.choose({ kind: 'cnn', mode, tier: tiersOf(mode).includes(current) ? current : 'hq' });
  }

  /** A saved chain of the viewer's shaders (a key bound to it); a name no chain has is said so. */
  chooseChain(name: string): void {
    if (!chainOf(this.ports, name)) {
      this.ports.store.getState().showOsd(`No shader chain is named “${name}”: see Settings → Shaders`, 3000);
      return;
    }
    this.choose({ kind: 'shaders', chain: name });
  }

  /** The next tier of the mode on screen (or the one just picked and still compiling). */
  cycleTier(): void {
    const state = this.ports.store.getState();
    const active = this.manual ?? state.activePreset;
    if (active.kind !== 'cnn') {
      state.showOsd('Tiers apply to the Anime4K CNN modes');
      return;
    }
    const tiers = tiersOf(active.mode);
    const next: UpscaleTier = tiers[(tiers.indexOf(active.tier) + 1) % tiers.length] ?? 'hq';
    this.choose({ kind: 'cnn', mode: active.mode, tier: next });
  }

  /** The settings or the stage changed: choose again (and look at the picture if that was just turned on). */
  refresh(): void {
    const media = this.media;
    if (media && this.lookedAt !== media.id) void this.measurePicture(media.id);
    void this.apply();
  }

  /** A pause, a seek or a speed change: frame times before it say nothing about those after it. */
  interrupt(): void {
    this.governor.interrupt();
  }

  /** The preset the governor runs now (the chosen one, or a step below it). */
  get running(): UpscalePreset {
    return this.governor.preset;
  }

  /** One fresh frame's time against its budget; the governor may step down or back up. */
  observe(frameMs: number, budgetMs: number, paused: boolean): void {
    const settings = this.ports.store.getState().settings;
    if (!settings?.upscaling.governor || paused || this.governor.chosen.kind === 'off') return;
    // Two presets side by side cost both: that says nothing of what the chosen one costs alone.
    if (settings.compare.enabled && settings.compare.left) return;
    const from = presetLabel(this.governor.preset);
    const decision = this.governor.observe(frameMs, budgetMs, performance.now());
    if (!decision) return;
    const label = presetLabel(decision.preset);
    const figures = `GPU ${decision.averageMs.toFixed(1)} ms of a ${decision.budgetMs.toFixed(1)} ms frame`;
    const back = presetKey(decision.preset) === presetKey(this.governor.chosen);
    // The figures go to the readout; the message says what happens in words.
    this.governedReason = back ? null : `Governor: ${decision.action === 'down' ? 'GPU too slow' : 'GPU has room'} (${figures}) → ${label}`;
    this.ports.store
      .getState()
      .showOsd(decision.action === 'down' ? `This graphics card is too slow for ${from}; using ${label}` : `The graphics card has room again: ${label}`, 3500);
    void this.apply();
  }

  private async apply(): Promise<void> {
    const state = this.ports.store.getState();
    const settings = state.settings;
    const height = this.media?.height;
    if (!settings || !height) return;
    const choice = choosePreset(settings.upscaling, height, { manual: this.manual, seriesKey: this.media?.seriesKey ?? null, picture: this.picture });
    if (presetKey(choice.preset) !== presetKey(this.governor.chosen)) {
      this.governor.reset(choice.preset);
      this.governedReason = null;
    }
    const governed = settings.upscaling.governor && this.governedReason !== null;
    const preset = governed ? this.governor.preset : choice.preset;
    const reason = governed ? (this.governedReason ?? '') : choice.reason;
    const outcome = await this.compiler.compilePreset(preset);
    if (!outcome.current) return;
    if (outcome.failure) await this.reportFailure(preset, outcome.failure, height);
    else this.publish({ activePreset: preset, presetReason: reason, presetFailure: null });
    if (this.announce) {
      this.announce = false;
      const note = this.note;
      this.note = null;
      const said = this.ports.store.getState().presetReason;
      this.ports.store.getState().showOsd(note ? `${note} · ${said}` : said, note ? 2500 : 2000);
    }
  }

  /**
   * The stage dropped the preset it was running: it compiled, but cannot be planned at this
   * picture's size (a shader's size expression asks for more than a GPU draws). Said as a failure
   * to start is, with the same fallback.
   */
  async failedWhileRunning(failure: PassFailure): Promise<void> {
    const height = this.media?.height;
    const preset = this.ports.store.getState().activePreset;
    if (!height || preset.kind === 'off') return;
    await this.reportFailure(preset, failure, height);
  }

  /** A preset that cannot run: a chain falls back (see fallBackFromChain), anything else to the plain scaler. */
  private async reportFailure(preset: UpscalePreset, failure: PassFailure, height: number): Promise<void> {
    if (preset.kind === 'shaders' && (await this.fallBackFromChain(preset, failure, height))) return;
    this.publish({
      activePreset: { kind: 'off' },
      presetReason: `${presetLabel(preset)} could not run on this GPU`,
      presetFailure: { message: `${failure.description}: ${failure.message}`, detail: failure.numberedSource },
    });
    this.ports.store.getState().pushToast({
      kind: 'error',
      text: `${presetLabel(preset)} could not start on this graphics card, so the picture uses the plain scaler.`,
      detail: `${failure.description}\n${failure.message}\n\n${failure.numberedSource}`,
    });
  }

  /**
   * A chain of the viewer's shaders that cannot run here (a file that does not parse or compile,
   * one gone from the folder, compute passes without WebGPU) leaves the picture as it was: the last
   * preset that ran keeps running, or, when nothing ran yet, what Kirei's rules choose — never a
   * black or silent picture. True when the fallback is on screen.
   */
  private async fallBackFromChain(chain: UpscalePreset, failure: PassFailure, height: number): Promise<boolean> {
    const state = this.ports.store.getState();
    const settings = state.settings;
    if (!settings) return false;
    const previous = state.activePreset;
    const ruled = choosePreset({ ...settings.upscaling, seriesOverrides: {} }, height).preset;
    const fallback: UpscalePreset =
      previous.kind !== 'off' && presetKey(previous) !== presetKey(chain) ? previous : ruled.kind === 'shaders' ? { kind: 'off' } : ruled;
    const outcome = await this.compiler.compilePreset(fallback);
    if (!outcome.current || outcome.failure) return false;
    const why = failure.message.split('\n')[0] ?? failure.message;
    const kept = presetKey(fallback) === presetKey(previous);
    this.publish({
      activePreset: fallback,
      presetReason: `${presetLabel(chain)} could not run (${why}) → ${kept ? 'kept ' : ''}${presetLabel(fallback)}`,
      presetFailure: { message: `${failure.description}: ${failure.message}`, detail: failure.numberedSource },
    });
    const name = chain.kind === 'shaders' ? chain.chain : '';
    const outcomeText = fallback.kind === 'off' ? 'the picture uses the plain scaler' : kept ? `the picture stays with ${presetLabel(fallback)}` : `the picture uses ${presetLabel(fallback)}`;
    this.ports.store.getState().pushToast({
      kind: 'error',
      text: `The shader chain “${name}” could not run, so ${outcomeText}.`,
      detail: `${failure.description}\n${failure.message}\n\n${failure.numberedSource}`,
    });
    return true;
  }

  private publish(state: Partial<PresetState>): void {
    this.ports.store.getState().setPresetState(state);
  }
}

function skipped(reason: string): PictureState {
  return { status: 'skipped', estimate: null, problem: reason };
}
