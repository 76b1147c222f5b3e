/**
 * Where keyboard focus goes when a menu or panel closes, and where the pointer was last: the
 * player's keys must work after every menu, and the magnifier opens under the pointer.
 */

/**
 * The element that takes focus back: an open settings sheet (a menu item may have opened it),
 * else the player, or the start screen when no file is open.
 */
export function focusHome(): void {
  const home = document.querySelector<HTMLElement>('[role="dialog"][aria-modal="true"]') ?? document.querySelector<HTMLElement>('[data-focus-home]');
  home?.focus({ preventScroll: true });
}

/** Fields that take typed text: there, letters are letters, not player keys. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA') return true;
  if (target.tagName === 'SELECT') return true;
  if (target.tagName !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color'].includes(type);
}

/** Focus is inside an open menu or dialog, which answers its own keys (arrows, Enter, Esc). */
export function isInsideMenu(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[role="menu"], [role="dialog"]') !== null;
}

const pointer = { x: Number.NaN, y: Number.NaN };
window.addEventListener('pointermove', (event) => {
  pointer.x = event.clientX;
  pointer.y = event.clientY;
}, { passive: true, capture: true });

/** The pointer's last position in the window; the window's centre until it has moved. */
export function lastPointer(): { x: number; y: number } {
  return Number.isFinite(pointer.x) ? { x: pointer.x, y: pointer.y } : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
}
