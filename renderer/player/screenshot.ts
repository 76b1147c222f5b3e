import type { KireiBridge } from '../../electron/common/bridge';
import type { CssRect, DeviceRect } from '../upscale/geometry';
import type { CapturedFrame, PictureStage } from '../upscale/stage';

export interface ScreenshotSources {
  bridge: KireiBridge;
  mediaId: string;
  mediaTime: number;
  stage: PictureStage | null;
  /** Subtitles are on screen over the picture. */
  subtitlesShowing: boolean;
  /** Where the picture lies in the window, CSS pixels. */
  pictureBox: CssRect;
}

/**
 * Saves what is on screen as mpv does: the upscaled picture at output resolution with subtitles
 * (`s`), without them (`S`), or the whole window as shown (Ctrl+s).
 */
export async function takeScreenshot(what: 'subtitles' | 'video' | 'window', sources: ScreenshotSources): Promise<{ path: string }> {
  const { bridge, mediaId, mediaTime, stage } = sources;
  if (what === 'window') return bridge.screenshots.saveWindow({ mediaId, mediaTime });
  if (what === 'subtitles' && sources.subtitlesShowing) return withSubtitles(sources);
  const frame = await stage?.capture();
  if (!stage || !frame) throw new Error('there is no picture to capture yet');
  const picture = await encodePicturePng(frame, stage.pictureRect());
  return bridge.screenshots.save({ mediaId, mediaTime, variant: what, width: picture.width, height: picture.height, png: picture.png });
}

/**
 * The picture with the subtitles libass drew over it. The subtitle layer lives in a worker, so
 * the page is captured as shown, cropped to the picture, with every overlay hidden for that frame.
 */
async function withSubtitles({ bridge, mediaId, mediaTime, pictureBox: box }: ScreenshotSources): Promise<{ path: string }> {
  const area = { x: Math.round(box.x), y: Math.round(box.y), width: Math.max(1, Math.round(box.width)), height: Math.max(1, Math.round(box.height)) };
  document.body.classList.add('capturing-picture');
  try {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return await bridge.screenshots.saveWindow({ mediaId, mediaTime, area });
  } finally {
    document.body.classList.remove('capturing-picture');
  }
}

/** The picture part of a captured canvas (no letterbox bars), as PNG bytes, with its size. */
export async function encodePicturePng(frame: CapturedFrame, rect: DeviceRect): Promise<{ png: Uint8Array; width: number; height: number }> {
  const x = Math.max(0, Math.min(frame.width - 1, Math.round(rect.x)));
  const y = Math.max(0, Math.min(frame.height - 1, Math.round(rect.y)));
  const width = Math.max(1, Math.min(frame.width - x, Math.round(rect.width)));
  const height = Math.max(1, Math.min(frame.height - y, Math.round(rect.height)));
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * frame.width + x) * 4;
    pixels.set(frame.pixels.subarray(from, from + width * 4), row * width * 4);
  }
  // The stage's alpha carries nothing a viewer wants in a screenshot.
  for (let index = 3; index < pixels.length; index += 4) pixels[index] = 255;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas for encoding');
  context.putImageData(new ImageData(pixels, width, height), 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return { png: new Uint8Array(await blob.arrayBuffer()), width, height };
}
