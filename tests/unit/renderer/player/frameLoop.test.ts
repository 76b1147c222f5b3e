import { describe, expect, it } from 'vitest';
import { FrameLoop } from '../../../../renderer/player/frameLoop';
import type { PictureStage } from '../../../../renderer/upscale/stage';
import type { PresentedFrame } from '../../../../renderer/video/frameClock';

/**
 * The loop with a hand-driven clock: the test presents frames, decides whether the GPU is free
 * for each draw, and runs the display refreshes the loop asked for.
 */
function harness() {
  const video = { videoWidth: 1280, videoHeight: 720 } as HTMLVideoElement;
  let present: ((frame: PresentedFrame) => void) | null = null;
  const refreshes: (() => void)[] = [];
  const seen: { mediaTime: number; drawn: boolean }[] = [];
  const drawn: number[] = [];
  let busy = false;
  let firstPictures = 0;
  let clockStops = 0;
  let latest = 0;
  const stage = {
    render: () => {
      if (busy) return false;
      drawn.push(latest);
      return true;
    },
  } as unknown as PictureStage;
  const loop = new FrameLoop({
    video,
    stage: () => stage,
    startClock: (onFrame) => {
      present = onFrame;
      return () => {
        clockStops++;
        present = null;
      };
    },
    nextRefresh: (callback) => refreshes.push(callback),
    onFrame: (frame, wasDrawn) => seen.push({ mediaTime: frame.mediaTime, drawn: wasDrawn }),
    onFirstPicture: () => firstPictures++,
  });
  return {
    loop,
    seen,
    drawn,
    refreshes,
    get firstPictures() {
      return firstPictures;
    },
    get clockStops() {
      return clockStops;
    },
    setBusy(value: boolean) {
      busy = value;
    },
    present(number: number, presentedFrames = number) {
      latest = number;
      present?.({ mediaTime: number / 25, width: 1280, height: 720, presentedFrames });
    },
    refresh() {
      const pending = refreshes.splice(0);
      for (const callback of pending) callback();
    },
  };
}

describe('the frame loop', () => {
  it('draws each presented frame and says once that the picture is shown', () => {
    const run = harness();
    run.loop.start();
    run.present(1);
    run.present(2);
    expect(run.drawn).toEqual([1, 2]);
    expect(run.firstPictures).toBe(1);
    expect(run.loop.counters).toEqual({ presented: 2, dropped: 0, skippedByGpu: 0, reused: 0 });
    expect(run.loop.presentedMediaTime).toBe(2 / 25);
  });

  it('does not draw again a frame the browser presents twice (a seek while paused), but a skipped one it does', () => {
    const run = harness();
    run.loop.start();
    run.present(3, 4);
    run.present(3, 5);
    expect(run.drawn).toEqual([3]);
    run.present(4, 6);
    run.setBusy(true);
    run.present(5, 7);
    run.setBusy(false);
    run.present(5, 8);
    expect(run.drawn).toEqual([3, 4, 5]);
    expect(run.loop.counters.presented).toBe(5);
  });

  it('counts frames the compositor dropped from gaps in its count', () => {
    const run = harness();
    run.loop.start();
    run.present(1, 1);
    run.present(2, 4);
    expect(run.loop.counters.dropped).toBe(2);
  });

  it('counts a frame the busy GPU skipped and draws the newest one once it is free, once', () => {
    const run = harness();
    run.loop.start();
    run.present(1);
    run.setBusy(true);
    run.present(2);
    run.present(3);
    expect(run.seen.map((frame) => frame.drawn)).toEqual([true, false, false]);
    expect(run.loop.counters.skippedByGpu).toBe(2);
    // Two skips, one retry waiting: the loop does not pile up refreshes.
    expect(run.refreshes).toHaveLength(1);
    // Still busy at the next refresh: it asks again.
    run.refresh();
    expect(run.refreshes).toHaveLength(1);
    expect(run.loop.presentedMediaTime).toBe(1 / 25);
    expect(run.loop.latestMediaTime).toBe(3 / 25);
    run.setBusy(false);
    run.refresh();
    expect(run.drawn).toEqual([1, 3]);
    expect(run.refreshes).toHaveLength(0);
    expect(run.loop.presentedMediaTime).toBe(3 / 25);
  });

  it('starts a new file from zero and stops its clock when stopped', () => {
    const run = harness();
    run.loop.start();
    run.present(1);
    run.present(5, 5);
    run.loop.start();
    expect(run.clockStops).toBe(1);
    expect(run.loop.counters).toEqual({ presented: 0, dropped: 0, skippedByGpu: 0, reused: 0 });
    expect(run.loop.presentedMediaTime).toBeNull();
    run.present(1, 1);
    expect(run.firstPictures).toBe(2);
    run.loop.stop();
    run.present(2, 2);
    expect(run.loop.counters.presented).toBe(1);
  });
});
