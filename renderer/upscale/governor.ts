import type { Anime4kMode, UpscalePreset, UpscaleTier } from '../../electron/common/upscaling';
import { presetKey } from '../../electron/common/upscaling';

/**
 * The ladder the governor walks: Ultra → HQ → Fast → Classic → Off. Tiers a mode lacks (Mode C
 * has no separate Fast) are skipped, so each step really is cheaper. A chain of the viewer's own
 * shaders steps down to Kirei's lightest network, Mode A · Fast, and from there down the ladder.
 */
export function stepDown(preset: UpscalePreset, tiers: (mode: Anime4kMode) => UpscaleTier[]): UpscalePreset | null {
  if (preset.kind === 'off') return null;
  if (preset.kind === 'classic') return { kind: 'off' };
  if (preset.kind === 'shaders') return { kind: 'cnn', mode: 'A', tier: tiers('A').includes('fast') ? 'fast' : 'hq' };
  const available = tiers(preset.mode);
  const order: UpscaleTier[] = ['ultra', 'hq', 'fast'];
  const lower = order.slice(order.indexOf(preset.tier) + 1).find((tier) => available.includes(tier));
  return lower ? { ...preset, tier: lower } : { kind: 'classic' };
}

export interface GovernorOptions {
  /** Share of the frame budget that counts as too slow. */
  overShare: number;
  /** Share of the budget under which there is room to step back up. */
  headroomShare: number;
  /** How long the GPU must stay over budget before stepping down. */
  downAfterMs: number;
  /** How long it must stay under the headroom mark before stepping up; doubles after a failed step up. */
  upAfterMs: number;
  /** A step up that has to be undone within this time counts as failed. */
  failedUpWithinMs: number;
  /** How long a measured cost ratio is trusted (it may have been measured while the load changed); doubles after a failed step up. */
  ratioMemoryMs: number;
  /**
   * Frames this many budgets long are not a busy moment but a card far too slow for the level:
   * after two of them it steps down at once, and as many levels as the excess calls for.
   */
  severeShare: number;
  /** How much cheaper each level is than the one above, roughly, for that many-level step. */
  levelRatio: number;
}

export const governorDefaults: GovernorOptions = {
  overShare: 0.85,
  headroomShare: 0.5,
  downAfterMs: 1500,
  upAfterMs: 8000,
  failedUpWithinMs: 20_000,
  ratioMemoryMs: 300_000,
  severeShare: 4,
  levelRatio: 3,
};

export type GovernorDecision = { action: 'down' | 'up'; preset: UpscalePreset; averageMs: number; budgetMs: number } | null;

/**
 * Keeps the GPU inside the frame budget. It sees per-frame times and steps the preset down after a
 * sustained stretch over 85 % of the budget, and back towards the chosen preset after a sustained
 * stretch of headroom. It never oscillates: the two marks are far apart, going up waits longer than
 * going down, and each step down teaches it how much dearer the level above is than the one below
 * (the ratio of their measured costs), so it only steps up when the level above is predicted to fit
 * — after the GPU got less busy, the frame rate dropped or the window shrank. A step up that still
 * has to be undone doubles the wait before the next one.
 */
export class Governor {
  private ceiling: UpscalePreset = { kind: 'off' };
  private current: UpscalePreset = { kind: 'off' };
  private readonly ladder: UpscalePreset[] = [];
  private overSince: number | null = null;
  private headroomSince: number | null = null;
  private recent: number[] = [];
  private upWaitMs: number;
  private lastUpAt = -Infinity;
  /** Cost of a level when the governor left it, waiting for the first full window below it. */
  private pending: { key: string; costMs: number } | null = null;
  /** How many times dearer each level is than the next one down, as measured. */
  private readonly costRatio = new Map<string, { ratio: number; learnedAt: number }>();
  private ratioMemoryMs: number;

  constructor(
    private readonly tiers: (mode: Anime4kMode) => UpscaleTier[],
    private readonly options: GovernorOptions = governorDefaults,
  ) {
    this.upWaitMs = options.upAfterMs;
    this.ratioMemoryMs = options.ratioMemoryMs;
  }

  /** The preset the rules or the viewer chose: the governor never goes above it. */
  reset(chosen: UpscalePreset): void {
    this.ceiling = chosen;
    this.current = chosen;
    this.ladder.length = 0;
    for (let step: UpscalePreset | null = chosen; step; step = stepDown(step, this.tiers)) this.ladder.push(step);
    this.costRatio.clear();
    this.pending = null;
    this.upWaitMs = this.options.upAfterMs;
    this.ratioMemoryMs = this.options.ratioMemoryMs;
    this.lastUpAt = -Infinity;
    this.restartWindows();
  }

  /** Playback paused or jumped: what came before says nothing about what follows. */
  interrupt(): void {
    this.restartWindows();
  }

  get preset(): UpscalePreset {
    return this.current;
  }

  get chosen(): UpscalePreset {
    return this.ceiling;
  }

  /** One frame's GPU time against the frame budget; returns a step to take, if any. */
  observe(frameMs: number, budgetMs: number, now: number): GovernorDecision {
    this.recent.push(frameMs);
    if (this.recent.length > windowFrames) this.recent.shift();
    const averageMs = this.recent.reduce((sum, value) => sum + value, 0) / this.recent.length;
    const index = this.ladder.findIndex((step) => presetKey(step) === presetKey(this.current));
    if (index < 0) return null;
    if (this.pending && this.recent.length === windowFrames) {
      this.costRatio.set(this.pending.key, { ratio: this.pending.costMs / Math.max(averageMs, 0.01), learnedAt: now });
      this.pending = null;
    }

    if (averageMs > budgetMs * this.options.overShare) {
      this.headroomSince = null;
      this.overSince ??= now;
      const lower = this.ladder[index + 1];
      const severe = this.recent.length >= 2 && this.recent.every((value) => value > budgetMs * this.options.severeShare);
      if (lower && severe) {
        const levels = Math.ceil(Math.log(averageMs / (budgetMs * this.options.overShare)) / Math.log(this.options.levelRatio));
        const target = this.ladder[Math.min(this.ladder.length - 1, index + Math.max(1, levels))] ?? lower;
        return this.move(target, 'down', averageMs, budgetMs);
      }
      if (lower && now - this.overSince >= this.options.downAfterMs) {
        if (now - this.lastUpAt < this.options.failedUpWithinMs) {
          this.upWaitMs *= 2;
          this.ratioMemoryMs *= 2;
        }
        this.pending = { key: presetKey(this.current), costMs: averageMs };
        return this.move(lower, 'down', averageMs, budgetMs);
      }
      return null;
    }
    this.overSince = null;
    if (averageMs >= budgetMs * this.options.headroomShare) {
      this.headroomSince = null;
      return null;
    }
    this.headroomSince ??= now;
    const higher = index > 0 ? this.ladder[index - 1] : undefined;
    if (!higher || this.pending || now - this.headroomSince < this.upWaitMs) return null;
    const learned = this.costRatio.get(presetKey(higher));
    const trusted = learned && now - learned.learnedAt < this.ratioMemoryMs;
    // A margin under the step-down mark, so a prediction that is a little off does not bounce.
    if (trusted && averageMs * learned.ratio > budgetMs * this.options.overShare * 0.9) return null;
    this.lastUpAt = now;
    return this.move(higher, 'up', averageMs, budgetMs);
  }

  private move(preset: UpscalePreset, action: 'down' | 'up', averageMs: number, budgetMs: number): GovernorDecision {
    this.current = preset;
    this.restartWindows();
    return { action, preset, averageMs, budgetMs };
  }

  private restartWindows(): void {
    this.overSince = null;
    this.headroomSince = null;
    this.recent = [];
  }
}

/** Frames averaged for each decision: about a second of video. */
const windowFrames = 24;
