import path from 'node:path';
import type { Page } from '@playwright/test';
import { defaultSettings } from '../../electron/common/settings';
import { animationScript, encode } from '../fixtures/animation';
import { psnrRgb } from '../support/metrics';
import { openSettings } from './harness/controls';
import { corpus, expect, mediaCache, test } from './harness/fixtures';
import { repeatCanvasId } from '../bench/page/repeatLabCanvas';
import { expect as labExpect, test as labTest } from './harness/lab';
import { pictureSettled, readPicture } from './harness/settle';

const frameRate = 24;
const presented = (page: Page) => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1);

/** The readout's count of reused frames, as the viewer reads it. */
async function reusedFrames(page: Page): Promise<number> {
  const text = (await page.getByTestId('hud').textContent()) ?? '';
  const match = /Repeated drawings reused (\d+)/.exec(text);
  if (!match) throw new Error(`the readout does not count reused frames: ${text}`);
  return Number(match[1]);
}

/**
 * The count once the readout has caught up: it is rewritten every 250 ms, and the frame a seek
 * lands on may itself be a repeat of the one shown before (where playback paused varies with load).
 */
async function settledReusedFrames(page: Page): Promise<number> {
  let last = await reusedFrames(page);
  for (;;) {
    await page.waitForTimeout(600);
    const now = await reusedFrames(page);
    if (now === last) return now;
    last = now;
  }
}

/** Shows frame `index` of the paused clip, from the frame before it (so the detector compares neighbours). */
async function stepTo(page: Page, index: number): Promise<void> {
  await page.keyboard.press('.');
  await expect.poll(() => presented(page), { message: `frame ${index} is on screen` }).toBeCloseTo(index / frameRate, 2);
}

async function seekTo(page: Page, index: number): Promise<void> {
  await page.evaluate((time) => {
    const video = document.querySelector('video');
    if (video) video.currentTime = time;
  }, (index + 0.5) / frameRate);
  await expect.poll(() => presented(page), { message: `frame ${index} is on screen` }).toBeCloseTo(index / frameRate, 2);
}

/** The picture on screen, once two read-backs in a row agree. */
async function capture(page: Page) {
  await pictureSettled(page, 'the frame on screen');
  const frame = await readPicture(page);
  if (!frame) throw new Error('no picture');
  return { width: frame.width, height: frame.height, data: Float32Array.from(frame.pixels, (value) => value / 255) };
}

// The player's video path on WebGL2; SwiftShader's WebGPU loses its device on the video path (see
// upscaling.spec.ts), so WebGPU's gate is checked below on frames drawn from a canvas.
for (const backend of ['webgl2'] as const) {
  test.describe(`repeated drawings in the player on ${backend}`, () => {
    test.use({
      initialSettings: { upscaling: { ...defaultSettings().upscaling, fromPicture: false, backend, rules: [{ maximumHeight: 2160, preset: { kind: 'cnn', mode: 'A' } }], tier: 'fast', governor: false } },
    });

    test('a held drawing shows the picture computed for it; new drawings, pans of one pixel and cuts are computed afresh', async ({ kirei }) => {
      test.setTimeout(180_000);
      const { page } = kirei;
      const script = await animationScript(corpus, 320, 180);
      const clip = await encode(script, path.join(mediaCache, 'held-drawings-320x180-v1.mkv'), frameRate);
      await kirei.open(clip);
      await expect.poll(() => page.evaluate(() => window.kireiInspector?.presetReason() ?? ''), { timeout: 60_000 }).toContain('Mode A');
      await page.evaluate(() => document.querySelector('video')?.pause());
      await page.keyboard.press('i');
      await expect(page.getByTestId('hud')).toBeVisible();

      // Frames 3 to 14: a new drawing and its held frame, twice more, then a pan of one pixel per frame.
      await seekTo(page, 3);
      const before = await settledReusedFrames(page);
      let count = before;
      for (let index = 4; index <= 14; index++) {
        await stepTo(page, index);
        if (script.kinds[index] === 'held') count++;
        // The count follows each step (WebGPU's verdict arrives a moment after the frame).
        await expect.poll(() => reusedFrames(page), { message: `after frame ${index} (${script.kinds[index] ?? ''})` }).toBe(count);
      }
      expect(count - before).toBe(3);

      // The reused picture of frame 4 against frame 4 computed afresh: the same drawing, codec noise apart.
      await seekTo(page, 3);
      await stepTo(page, 4);
      const reused = await capture(page);
      await openSettings(page);
      const reuse = page.getByRole('checkbox', { name: /Reuse the upscaled picture/ });
      // The box shows the stored setting: it turns once the change is saved.
      await reuse.click();
      await expect(reuse).not.toBeChecked();
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('settings')).toBeHidden();
      const counted = await settledReusedFrames(page);
      await seekTo(page, 3);
      await stepTo(page, 4);
      const computed = await capture(page);
      expect(await reusedFrames(page)).toBe(counted);
      const psnr = psnrRgb(reused, computed);
      console.log(`${backend}: reused frame against a fresh computation: PSNR ${psnr.toFixed(2)} dB`);
      expect(psnr).toBeGreaterThanOrEqual(45);
      expect(psnr, 'the reused frame showed the kept picture').toBeLessThan(Number.POSITIVE_INFINITY);
      expect(await page.evaluate(() => window.kireiInspector?.stageInfo()?.backend)).toBe(backend);
    });
  });
}

labTest.describe('the repeat detector on the GPU', () => {
  for (const backend of ['webgl2', 'webgpu'] as const) {
    labTest(`${backend}: held drawings (with a decoder's rounding) are reused; new drawings, pans, a fade, grain and a blink are not`, async ({ lab }) => {
      labTest.setTimeout(180_000);
      if (backend === 'webgpu') {
        const adapter = await lab.page.evaluate(async () => (await navigator.gpu?.requestAdapter()) != null);
        labTest.skip(!adapter, 'this browser has no WebGPU adapter');
      }
      const running = lab.page.evaluate((name) => window.kireiLab.repeatLab(name, '/corpus/frames/anime4k_Quin_1080p_Corrected.png', name === 'webgl2'), backend);
      if (backend === 'webgl2') {
        // What the viewer sees after a held frame that was not drawn again: the page's own pixels.
        await labExpect(lab.page).toHaveTitle('lab paused', { timeout: 120_000 });
        const box = await lab.page.locator(`#${repeatCanvasId}`).boundingBox();
        if (!box) throw new Error('the lab shows no canvas');
        const screenshot = await lab.page.screenshot({ clip: { x: 0, y: 0, width: Math.round(box.width), height: Math.round(box.height) } });
        await lab.page.evaluate((png) => window.kireiLabResume?.(png), screenshot.toString('base64'));
      }
      const result = await running;
      console.log(
        `${backend} on ${result.renderer}: ${result.frames.map((frame) => `${frame.kind}: ${frame.reused ? 'reused' : 'computed'}`).join(', ')}; reused against fresh ${result.psnr.toFixed(2)} dB` +
          (result.canvasPsnr === null ? '' : `; the canvas against the kept picture ${result.canvasPsnr.toFixed(2)} dB`),
      );
      const wrong = result.frames.filter((frame, index) => index > 0 && frame.reused !== frame.kind.startsWith('held'));
      expect(wrong).toEqual([]);
      expect(result.psnr).toBeGreaterThanOrEqual(45);
      // Not identical: the last frame showed the kept picture, not one computed again for it.
      expect(result.psnr).toBeLessThan(Number.POSITIVE_INFINITY);
      // The kept picture stays on the canvas, which a repeated drawing leaves untouched.
      if (backend === 'webgl2') expect(result.canvasPsnr).toBeGreaterThanOrEqual(45);
    });
  }
});
