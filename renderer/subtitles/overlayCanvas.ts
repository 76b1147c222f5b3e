/** Where the picture lies: CSS pixels within the player surface. Both subtitle layers lie over exactly it. */
export interface PictureBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A subtitle canvas laid over the picture, shown or hidden without leaving the layout. */
export function createOverlayCanvas(container: HTMLElement, testId: string, visible: boolean): HTMLCanvasElement {
  return adoptOverlayCanvas(document.createElement('canvas'), container, testId, visible);
}

/** Puts a canvas made elsewhere (libass's, started ahead) over the picture. */
export function adoptOverlayCanvas(canvas: HTMLCanvasElement, container: HTMLElement, testId: string, visible: boolean): HTMLCanvasElement {
  canvas.className = 'player__subtitles';
  canvas.dataset['testid'] = testId;
  setOverlayVisible(canvas, visible);
  container.appendChild(canvas);
  return canvas;
}

export function setOverlayVisible(canvas: HTMLCanvasElement | null, visible: boolean): void {
  if (canvas) canvas.style.visibility = visible ? 'visible' : 'hidden';
}

/** Lays the canvas exactly over the picture (CSS pixels). */
export function placeOverlay(canvas: HTMLCanvasElement, box: PictureBox): void {
  const { x, y, width, height } = box;
  canvas.style.left = `${x}px`;
  canvas.style.top = `${y}px`;
  canvas.style.width = `${Math.max(1, width)}px`;
  canvas.style.height = `${Math.max(1, height)}px`;
}

export function sameBox(first: PictureBox, second: PictureBox): boolean {
  return first.x === second.x && first.y === second.y && first.width === second.width && first.height === second.height;
}
