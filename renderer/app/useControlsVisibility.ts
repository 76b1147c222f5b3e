import type { RefObject } from 'react';
import { useEffect } from 'react';
import { useKirei } from '../store';

const hideDelayMs = 2500;
/** Keys that move through the file or the controls: the bars show what they did. */
const revealingKeys = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Tab', 'PageUp', 'PageDown']);

/**
 * Shows the player's bars when the pointer moves or the viewer seeks, and hides them after a
 * moment without either, paused or not (a paused frame is for reading). They stay while the
 * pointer is over them, a menu of theirs is open, focus is inside them, or no picture is up yet.
 */
export function useControlsVisibility(bars: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    let timer = 0;
    let overBars = false;
    const keepShowing = () => {
      const state = useKirei.getState();
      const focusInside = bars.current?.contains(document.activeElement) ?? false;
      return overBars || focusInside || state.openMenus.length > 0 || !state.pictureShown || state.playbackError !== null;
    };
    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (keepShowing()) schedule();
        else useKirei.getState().setControlsVisible(false);
      }, hideDelayMs);
    };
    const show = () => {
      useKirei.getState().setControlsVisible(true);
      schedule();
    };
    // Where the bars are, hidden or not: a pointer resting there keeps them (a hidden bar lets clicks through to the picture).
    const onPointer = (event: PointerEvent) => {
      overBars = [...(bars.current?.querySelectorAll('.topbar, .controls') ?? [])].some((bar) => {
        const box = bar.getBoundingClientRect();
        return event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
      });
      show();
    };
    const onKey = (event: KeyboardEvent) => {
      if (revealingKeys.has(event.key)) show();
    };
    const onLeave = () => {
      overBars = false;
      schedule();
    };
    window.addEventListener('pointermove', onPointer);
    window.addEventListener('pointerdown', onPointer);
    window.addEventListener('keydown', onKey);
    window.addEventListener('focusin', show);
    document.documentElement.addEventListener('pointerleave', onLeave);
    show();
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointermove', onPointer);
      window.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('focusin', show);
      document.documentElement.removeEventListener('pointerleave', onLeave);
    };
  }, [bars]);
}
