import { describe, expect, it } from 'vitest';
import type { UpscalePreset, UpscaleTier } from '../../../../electron/common/upscaling';
import { presetKey } from '../../../../electron/common/upscaling';
import { Governor, stepDown } from '../../../../renderer/upscale/governor';

const tiers = (mode: string): UpscaleTier[] => (mode === 'C' ? ['hq'] : ['fast', 'hq', 'ultra']);
const modeAHq: UpscalePreset = { kind: 'cnn', mode: 'A', tier: 'hq' };
const budget = 1000 / 24;

/** Plays `seconds` of 24 fps video on a GPU whose cost per preset is `cost`; returns the steps taken. */
function play(governor: Governor, cost: (preset: UpscalePreset) => number, seconds: number, start = 0, budgetMs = budget) {
  const steps: string[] = [];
  // Each call is a stretch of playback of its own, as after a pause or a seek.
  governor.interrupt();
  for (let frame = 0; frame < seconds * 24; frame++) {
    const now = start + frame * budgetMs;
    const decision = governor.observe(cost(governor.preset), budgetMs, now);
    if (decision) steps.push(`${decision.action} ${presetKey(decision.preset)}`);
  }
  return steps;
}

describe('stepDown', () => {
  it('walks Ultra → HQ → Fast → Classic → Off and skips tiers a mode lacks', () => {
    const ladder: string[] = [];
    for (let step: UpscalePreset | null = { kind: 'cnn', mode: 'A', tier: 'ultra' }; step; step = stepDown(step, tiers)) ladder.push(presetKey(step));
    expect(ladder).toEqual(['cnn:A:ultra', 'cnn:A:hq', 'cnn:A:fast', 'classic', 'off']);
    expect(stepDown({ kind: 'cnn', mode: 'C', tier: 'hq' }, tiers)).toEqual({ kind: 'classic' });
  });
});

describe('Governor', () => {
  it('steps down after a sustained stretch over 85 % of the budget, not after a spike', () => {
    const governor = new Governor(tiers);
    governor.reset(modeAHq);
    let frame = 0;
    // One slow second in the middle of fast ones: a seek, a busy moment. Nothing happens.
    const spiky = play(governor, () => (++frame > 48 && frame < 60 ? 60 : 20), 6);
    expect(spiky).toEqual([]);
    // The GPU cannot keep up with HQ (40 ms of a 41.7 ms budget) but can with Fast.
    const costs: Record<string, number> = { 'cnn:A:hq': 40, 'cnn:A:fast': 25, classic: 5, off: 1 };
    expect(play(governor, (preset) => costs[presetKey(preset)] ?? 0, 10, 10_000)).toEqual(['down cnn:A:fast']);
  });

  it('keeps stepping down to off when nothing fits', () => {
    const governor = new Governor(tiers);
    governor.reset(modeAHq);
    expect(play(governor, () => 100, 20)).toEqual(['down cnn:A:fast', 'down classic', 'down off']);
    expect(governor.chosen).toEqual(modeAHq);
  });

  it('steps back up after sustained headroom, and never above the chosen preset', () => {
    const governor = new Governor(tiers);
    governor.reset(modeAHq);
    let load = 4;
    const costs: Record<string, number> = { 'cnn:A:hq': 12, 'cnn:A:fast': 6, classic: 2 };
    const cost = (preset: UpscalePreset) => (costs[presetKey(preset)] ?? 1) * load;
    // Another application keeps the GPU busy, four times slower; then it finishes.
    expect(play(governor, cost, 10)).toEqual(['down cnn:A:fast']);
    load = 1;
    expect(play(governor, cost, 60, 10_000)).toEqual(['up cnn:A:hq']);
    load = 8;
    expect(play(governor, cost, 10, 100_000)).toEqual(['down cnn:A:fast', 'down classic']);
    load = 1;
    expect(play(governor, cost, 60, 200_000)).toEqual(['up cnn:A:fast', 'up cnn:A:hq']);
    expect(presetKey(governor.preset)).toBe('cnn:A:hq');
  });

  it('does not oscillate between a preset that is too slow and one that fits', () => {
    const governor = new Governor(tiers);
    governor.reset(modeAHq);
    const costs: Record<string, number> = { 'cnn:A:hq': 38, 'cnn:A:fast': 12 };
    // Fast leaves plenty of headroom, HQ does not fit: a naive governor would flip every few seconds.
    // This one learns the cost of HQ and retries it only after minutes, then ever more rarely.
    const steps = play(governor, (preset) => costs[presetKey(preset)] ?? 1, 1800);
    expect(steps).toEqual(['down cnn:A:fast', 'up cnn:A:hq', 'down cnn:A:fast', 'up cnn:A:hq', 'down cnn:A:fast']);
  });

  it('steps up when the budget grows, and learns from a step up that failed', () => {
    const governor = new Governor(tiers);
    governor.reset(modeAHq);
    let fastCost = 30;
    const cost = (preset: UpscalePreset) => (presetKey(preset) === 'cnn:A:hq' ? 38 : fastCost);
    // Fast was measured while something else also used the GPU, so HQ looked only a little dearer.
    expect(play(governor, cost, 3)).toEqual(['down cnn:A:fast']);
    fastCost = 10;
    // HQ is predicted to fit, is tried, does not, and the new measurement keeps it from being tried again soon.
    expect(play(governor, cost, 300, 10_000)).toEqual(['up cnn:A:hq', 'down cnn:A:fast']);
    // At 12 fps the budget is 83 ms: HQ fits and the governor goes back to it.
    expect(play(governor, cost, 60, 700_000, 1000 / 12)).toEqual(['up cnn:A:hq']);
  });
});

describe('Governor on a card far too slow', () => {
  it('steps down at once, and as far as the excess calls for, after two frames of seconds', () => {
    const governor = new Governor(tiers);
    governor.reset(modeAHq);
    // A software renderer: Mode A HQ takes over five seconds a frame.
    const costs: Record<string, number> = { 'cnn:A:hq': 5364, 'cnn:A:fast': 1800, classic: 30, off: 2 };
    const decisions: string[] = [];
    let now = 0;
    for (let frame = 0; frame < 4; frame++) {
      const cost = costs[presetKey(governor.preset)] ?? 0;
      now += cost;
      const decision = governor.observe(cost, budget, now);
      if (decision) decisions.push(`${decision.action} ${presetKey(decision.preset)} after ${Math.round(now / 1000)} s`);
    }
    // One step, not three: the window is free again after about ten seconds instead of half a minute.
    expect(decisions).toEqual(['down off after 11 s']);
  });

  it('takes one level for a frame that is only a little over', () => {
    const governor = new Governor(tiers);
    governor.reset(modeAHq);
    expect(play(governor, (preset) => (presetKey(preset) === 'cnn:A:hq' ? 45 : 20), 4)).toEqual(['down cnn:A:fast']);
  });
});
