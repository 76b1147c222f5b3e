interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One rectangle type per coordinate space. The optional `space` is never set: it only stops a
 * rectangle of one space from being passed where another is wanted.
 */
/** CSS pixels of the page, top-left origin: where overlays (subtitles, the magnifier) are laid. */
export interface CssRect extends Rect {
  readonly space?: 'css';
}

/** Device pixels of the canvas, top-left origin: what the stage reports and screenshots crop. */
export interface DeviceRect extends Rect {
  readonly space?: 'device';
}

/** Framebuffer pixels, bottom-left origin, as WebGL draws and reads them. */
export interface FramebufferRect extends Rect {
  readonly space?: 'framebuffer';
}

/** The same rectangle of a framebuffer `height` pixels tall, counted from the other edge. */
export function toFramebuffer(rect: DeviceRect, height: number): FramebufferRect {
  return { x: rect.x, y: height - rect.y - rect.height, width: rect.width, height: rect.height };
}

/**
 * The largest rectangle with the picture's display aspect that fits the canvas, centred
 * (letterbox or pillarbox), in the canvas's device pixels from its top-left corner.
 * `pixelAspect` is the sample aspect ratio of anamorphic video.
 */
export function fitRect(
  sourceWidth: number,
  sourceHeight: number,
  canvasWidth: number,
  canvasHeight: number,
  pixelAspect = 1,
): DeviceRect {
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
