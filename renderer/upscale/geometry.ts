/** A rectangle in framebuffer pixels (origin bottom-left for the canvas, as GL has it). */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The largest rectangle with the picture's display aspect that fits the canvas, centred
 * (letterbox or pillarbox). `pixelAspect` is the sample aspect ratio of anamorphic video.
 */
export function fitRect(
  sourceWidth: number,
  sourceHeight: number,
  canvasWidth: number,
  canvasHeight: number,
  pixelAspect = 1,
): PixelRect {
  if (sourceWidth <= 0 || sourceHeight <= 0 || canvasWidth <= 0 || canvasHeight <= 0) {
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  const displayAspect = (sourceWidth * pixelAspect) / sourceHeight;
  let width = canvasWidth;
  let height = Math.round(canvasWidth / displayAspect);
  if (height > canvasHeight) {
    height = canvasHeight;
    width = Math.min(canvasWidth, Math.round(canvasHeight * displayAspect));
  }
  return {
    x: Math.floor((canvasWidth - width) / 2),
    y: Math.floor((canvasHeight - height) / 2),
    width,
    height,
  };
}

/** Canvas size in device pixels for a CSS box, as the compositor will show it. */
export function devicePixelSize(cssWidth: number, cssHeight: number, devicePixelRatio: number) {
  return {
    width: Math.max(1, Math.round(cssWidth * devicePixelRatio)),
    height: Math.max(1, Math.round(cssHeight * devicePixelRatio)),
  };
}
