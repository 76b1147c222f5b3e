import { describe, expect, it, vi } from 'vitest';
import { SubtitleLayer } from '../../../../renderer/subtitles/subtitleLayer';

// libass's worker is not needed: the layer is given a stand-in that holds styles as libass does.
vi.mock('../../../../renderer/subtitles/warmRenderer', () => ({ takeSubtitleRenderer: () => ({}) }));

interface Style {
  Alignment: number;
  MarginV: number;
}

/** A libass stand-in whose style changes land only when the test lets them (a busy worker). */
function slowLibass(margins: number[]) {
  const waiting: (() => void)[] = [];
  const renderer = {
    setStyle: (style: Style, index: number) =>
      new Promise<void>((resolve) =>
        waiting.push(() => {
          margins[index] = style.MarginV;
          resolve();
        }),
      ),
    getStyles: () => Promise.resolve(margins.map((MarginV) => ({ Alignment: 2, MarginV }))),
  };
  const finishAll = async () => {
    for (let round = 0; round < 20; round++) {
      waiting.splice(0).forEach((land) => land());
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { renderer, finishAll };
}

describe('the subtitle layer making room for the bars', () => {
  it('ends with the lines clear of the bar when the bar hides and comes back while libass is busy', async () => {
    // A bottom-aligned dialogue style, already lifted by 36 script units for a bar of 36 px.
    const held = [46];
    const libass = slowLibass(held);
    const layer = new SubtitleLayer({} as HTMLElement);
    Object.assign(layer as unknown as Record<string, unknown>, {
      instance: { renderer: libass.renderer },
      styles: { originals: [{ Alignment: 2, MarginV: 10 }], applied: [46], scriptHeight: 360 },
      box: { x: 0, y: 0, width: 640, height: 360 },
      room: { top: 0, bottom: 36 },
    });
    const hidden = layer.setRoom(0, 0);
    const shown = layer.setRoom(0, 36);
    await libass.finishAll();
    await Promise.all([hidden, shown]);
    expect(held).toEqual([46]);
  });
});
