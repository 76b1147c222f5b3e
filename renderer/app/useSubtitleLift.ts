import type { RefObject } from 'react';
import { useEffect } from 'react';
import type { PlayerControls } from '../player/facades';

/** Room kept between a subtitle line and the bar it keeps clear of. */
const marginPx = 6;
/** The top bar's shade below its title (its bottom padding). */
const topShadePx = 24;

/**
 * Tells the subtitles how much of the surface's top and bottom the bars cover while they show
 * (none while they hide), so that dialogue keeps clear of them; it settles back when they hide.
 */
export function useSubtitleLift(controls: PlayerControls | null, surface: RefObject<HTMLElement | null>, bars: RefObject<HTMLElement | null>, barsVisible: boolean): void {
  useEffect(() => {
    const target = surface.current;
    if (!controls || !target) return;
    const update = () => {
      // The seek bar and the title are the bars' edges; the shade beyond them hides nothing.
      const seek = bars.current?.querySelector('.controls .seek');
      const title = bars.current?.querySelector('.topbar');
      const surfaceBox = target.getBoundingClientRect();
      const bottom = barsVisible && seek ? Math.max(0, surfaceBox.bottom - seek.getBoundingClientRect().top + marginPx) : 0;
      const top = barsVisible && title ? Math.max(0, title.getBoundingClientRect().bottom - topShadePx - surfaceBox.top + marginPx) : 0;
      controls.setBarsCover(top, bottom);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(target);
    const controlBar = bars.current?.querySelector('.controls');
    if (controlBar) observer.observe(controlBar);
    return () => observer.disconnect();
  }, [controls, surface, bars, barsVisible]);
}
