import path from 'node:path';
import type { Page } from '@playwright/test';
import { makeFrameCodeClip, makeStillClip } from '../fixtures/media';
import { chooseFromMenu } from './harness/controls';
import { pictureSettled, readPicture } from './harness/settle';
import { corpus, expect, expectMessage, expectNotice, mediaCache, repositoryRoot, shownMessages, test } from './harness/fixtures';

async function capture(page: Page) {
  const frame = await readPicture(page);
  const rect = await page.evaluate(() => window.kireiInspector?.pictureRect());
  return frame && rect ? { ...frame, rect } : null;
}

type Captured = NonNullable<Awaited<ReturnType<typeof capture>>>;

/** The stage's picture once a redraw asked for has landed (two read-backs in a row agree). */
async function settledCapture(page: Page, what: string) {
  await pictureSettled(page, what);
  return capture(page);
}

/** Mean absolute difference of two captures over a band of columns (fractions of the picture). */
function difference(a: Captured, b: Captured, from: number, to: number): number {
  let sum = 0;
  let count = 0;
  const { rect } = a;
  for (let y = rect.y + 4; y < rect.y + rect.height - 4; y += 3) {
    for (let x = Math.round(rect.x + from * rect.width); x < Math.round(rect.x + to * rect.width); x += 2) {
      const offset = (y * a.width + x) * 4;
      for (let channel = 0; channel < 3; channel++) sum += Math.abs((a.pixels[offset + channel] ?? 0) - (b.pixels[offset + channel] ?? 0));
      count += 3;
    }
  }
  return sum / count;
}

async function waitForPicture(page: Page) {
  await expect.poll(() => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1), { timeout: 60_000 }).toBeGreaterThanOrEqual(0);
}

test.describe('upscaling in the player', () => {
  // SwiftShader cannot keep up with Mode A; the governor (tested on its own below) would step it down mid-test.
  test.use({ initialSettings: { upscaling: { ...defaults(), rules: [{ maximumHeight: 2160, preset: { kind: 'cnn', mode: 'A' } }], tier: 'fast', governor: false } } });

  test('the compare divider splits reference and upscaled picture, and dragging moves the boundary', async ({ kirei }) => {
    test.setTimeout(270_000);
    const { page } = kirei;
    // A real anime frame held still: every capture below shows the same decoded picture.
    const still = await makeStillClip(mediaCache, path.join(corpus, 'frames', 'anime4k_Higurashi_360p.png'), 'higurashi-still.mkv');
    await kirei.open(still);
    await waitForPicture(page);
    await expectMessage(page, '360p source → Anime4K Mode A · Fast');
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    const upscaled = await settledCapture(page, 'Mode A');
    await page.keyboard.press('Control+0');
    await expectMessage(page, 'Anime4K: Off');
    await expect.poll(() => page.evaluate(() => window.kireiInspector?.presetReason())).toBe('Chosen by you → Off');
    const reference = await settledCapture(page, 'off');
    await page.keyboard.press('Control+2');
    await expectMessage(page, 'Anime4K: Anime4K Mode B · HQ');
    await page.keyboard.press('Control+7');
    await expectMessage(page, 'Anime4K: Anime4K Classic');
    // Back to what `upscaled` shows, through the menu this time.
    await chooseFromMenu(page, 'upscaling-menu', 'Mode A');
    await chooseFromMenu(page, 'upscaling-menu', 'Fast');
    await expect.poll(() => page.evaluate(() => window.kireiInspector?.presetReason())).toBe('Chosen by you → Anime4K Mode A · Fast');
    if (!upscaled || !reference) throw new Error('no capture');
    // Upscaling must change the picture, or this test proves nothing.
    expect(difference(upscaled, reference, 0, 1)).toBeGreaterThan(0.5);

    await page.keyboard.press('c');
    await expect(page.getByTestId('compare')).toBeVisible();
    const split = await settledCapture(page, 'compare');
    if (!split) throw new Error('no capture');
    if (process.env['KIREI_DEBUG_CAPTURES']) {
      const { writeFile } = await import('node:fs/promises');
      for (const [name, image] of Object.entries({ upscaled, reference, split })) {
        await writeFile(path.join(repositoryRoot, 'test-results', `${name}.rgba`), Buffer.from(image.pixels));
      }
      console.log(`capture size ${split.width}x${split.height} rect ${JSON.stringify(split.rect)}`);
    }
    expect(difference(split, reference, 0.05, 0.45), 'left of the divider: the reference scaler').toBeLessThan(0.3);
    expect(difference(split, upscaled, 0.55, 0.95), 'right of the divider: the upscaled picture').toBeLessThan(0.3);

    // Drag the divider from the middle to a quarter of the picture.
    const divider = page.getByRole('slider', { name: 'Compare divider' });
    const box = await divider.boundingBox();
    const compareBox = await page.getByTestId('compare').boundingBox();
    if (!box || !compareBox) throw new Error('no divider');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.8);
    await page.mouse.down();
    await page.mouse.move(compareBox.x + compareBox.width * 0.25, box.y + box.height * 0.3, { steps: 6 });
    await page.mouse.up();
    await expect(divider).toHaveAttribute('aria-valuenow', '25');
    const moved = await settledCapture(page, 'the divider moved');
    if (!moved) throw new Error('no capture');
    expect(difference(moved, reference, 0.03, 0.22)).toBeLessThan(0.3);
    expect(difference(moved, upscaled, 0.28, 0.95)).toBeLessThan(0.3);

    // Keyboard nudges; the position is remembered in the settings.
    await page.keyboard.press('Shift+ArrowRight');
    await expect(divider).toHaveAttribute('aria-valuenow', '27');
    await expect.poll(async () => (await kirei.services.settings.get()).compare.position).toBeCloseTo(0.27, 5);

    // The tier key moves Mode A from Fast to HQ.
    await page.keyboard.press('Control+8');
    await expectMessage(page, 'Anime4K: Anime4K Mode A · HQ');

    await page.keyboard.press('i');
    await expect(page.getByTestId('hud')).toContainText('Chosen by you → Anime4K Mode A · HQ');
    await expect(page.getByTestId('hud')).toContainText('Backend WebGL2');
    await page.keyboard.press('Space');
    const first = await page.getByTestId('hud').textContent();
    await expect.poll(() => page.getByTestId('hud').textContent(), { timeout: 20_000 }).not.toBe(first);
    // The pass table fills from the first fresh frame the GPU finishes: Mode A HQ at 720p takes
    // seconds a frame on SwiftShader, more on a busy machine.
    await expect(page.getByTestId('hud')).toContainText(/Upscale CNN ×2 \(VL\)/, { timeout: 90_000 });

  });

  test('the help overlay lists the keys', async ({ kirei }) => {
    const clip = await makeFrameCodeClip(mediaCache, { seconds: 2, name: 'help.mkv' });
    await kirei.open(clip.path);
    await expect(kirei.page.getByTestId('controls')).toBeVisible();
    await kirei.page.keyboard.press('?');
    const help = kirei.page.getByTestId('help');
    // Grouped by task, in plain words, keys as printed on the keyboard.
    await expect(help.getByRole('region', { name: 'Upscaling and picture' })).toContainText('Ctrl+1Anime4K Mode A');
    await expect(help.getByRole('region', { name: 'Upscaling and picture' })).toContainText('Compare with the plain scaler');
    await expect(help.getByRole('region', { name: 'Playback' })).toContainText('SpacePPlay/Pause keyPause or play');
    await expect(help).not.toContainText('cycle');
    await kirei.page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });
});

test.describe('the magnifier', () => {
  test.use({ initialSettings: { upscaling: { ...defaults(), rules: [{ maximumHeight: 2160, preset: { kind: 'classic' } }], governor: false } } });

  test('shows the pixels under the pointer 4× on both sides while its key is held', async ({ kirei }) => {
    test.setTimeout(120_000);
    const { page } = kirei;
    const still = await makeStillClip(mediaCache, path.join(corpus, 'frames', 'anime4k_Higurashi_360p.png'), 'higurashi-still.mkv');
    await kirei.open(still);
    await waitForPicture(page);
    await expect.poll(() => page.evaluate(() => window.kireiInspector?.presetReason())).toBe('360p source → Anime4K Classic');
    await page.keyboard.press('Space');
    await page.mouse.move(640, 300);
    await page.keyboard.down('h');
    const magnifier = page.getByTestId('magnifier');
    await expect(magnifier).toBeVisible();
    await expect(magnifier).toContainText('Bicubic (Catmull-Rom)');
    await expect(magnifier).toContainText('Anime4K Classic');
    const panels = async () =>
      page.evaluate(() =>
        ['magnifier-reference', 'magnifier-upscaled'].map((id) => {
          const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`);
          const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height);
          return data ? Array.from(data.data) : [];
        }),
      );
    // Wait until the panels hold the picture, not the black they start with.
    await expect.poll(async () => (await panels()).map((pixels) => pixels.some((value, index) => index % 4 !== 3 && value > 40))).toEqual([true, true]);
    const [reference = [], upscaled = []] = await panels();
    const size = 256;
    // Nearest neighbour: every 4×4 block is one source pixel.
    for (const pixels of [reference, upscaled]) {
      for (const [blockX, blockY] of [[3, 5], [20, 31], [47, 12], [60, 60]] as const) {
        const at = (x: number, y: number) => pixels.slice((y * size + x) * 4, (y * size + x) * 4 + 3).join();
        const first = at(blockX * 4, blockY * 4);
        for (let dy = 0; dy < 4; dy++) for (let dx = 0; dx < 4; dx++) expect(at(blockX * 4 + dx, blockY * 4 + dy)).toBe(first);
      }
    }
    // The two sides show the same place through different scalers.
    let difference = 0;
    for (let index = 0; index < reference.length; index++) if (index % 4 !== 3) difference += Math.abs((reference[index] ?? 0) - (upscaled[index] ?? 0));
    // Classic only moves edges, so the mean difference is small but never zero.
    expect(difference / (reference.length * 0.75)).toBeGreaterThan(0.1);
    await page.keyboard.up('h');
    await expect(magnifier).toBeHidden();
  });
});

test.describe('the governor', () => {
  test.use({
    initialSettings: { upscaling: { ...defaults(), rules: [{ maximumHeight: 2160, preset: { kind: 'cnn', mode: 'A' } }], tier: 'hq' } },
    // A small picture, so that SwiftShader keeps up with Mode A HQ and frames keep coming.
    viewport: { width: 480, height: 270 },
  });

  test('steps down when frames take too long and back up when there is room', async ({ kirei }) => {
    test.setTimeout(150_000);
    const { page } = kirei;
    // Long enough that playback never ends before the governor has walked down and up again on a busy machine.
    const clip = await makeFrameCodeClip(mediaCache, { seconds: 120, frameRate: 24, width: 192, height: 108, name: 'governor-108p-120s.mkv' });
    await kirei.open(clip.path);
    // Injected times from the first frame on: SwiftShader's real ones on a busy machine would step it down before the test begins.
    await page.waitForFunction(() => window.kireiInspector !== undefined);
    await page.evaluate(() => window.kireiInspector?.overrideFrameTime(10));
    await waitForPicture(page);
    await expect.poll(() => page.evaluate(() => window.kireiInspector?.presetReason())).toBe('108p source → Anime4K Mode A · HQ');
    // A GPU busy with another application: each level costs what such a GPU would make it cost.
    // Classic's 30 ms of a 41.7 ms frame lies between the marks (50 % and 85 %): it stays there.
    await page.evaluate(() => window.kireiInspector?.overrideFrameTime({ 'cnn:A:hq': 40, 'cnn:A:fast': 40, classic: 30, off: 1 }));
    // Each step is read from the message log: a step can be over before a poll would see it.
    await expectMessage(page, 'This graphics card is too slow for Anime4K Mode A · HQ; using Anime4K Mode A · Fast');
    await expectMessage(page, 'This graphics card is too slow for Anime4K Mode A · Fast; using Anime4K Classic');
    // The figures are in the readout's reason, not in the message.
    await expect.poll(() => page.evaluate(() => window.kireiInspector?.presetReason()), { timeout: 20_000 }).toMatch(/^Governor: GPU too slow \(GPU [\d.]+ ms of a 41\.7 ms frame\) → Anime4K Classic$/);
    // Two seconds of video at Classic (its 30 ms sits between the marks): the governor learns what Fast costs against it.
    const atClassic = (await page.evaluate(() => window.kireiInspector?.presentedMediaTime())) ?? 0;
    await expect.poll(() => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? 0), { timeout: 30_000 }).toBeGreaterThan(atClassic + 2);
    // The other application is done. It steps back up one level at a time, to the chosen preset and no further.
    await page.evaluate(() => window.kireiInspector?.overrideFrameTime({ 'cnn:A:hq': 4, 'cnn:A:fast': 3, classic: 2, off: 1 }));
    await expectMessage(page, 'The graphics card has room again: Anime4K Mode A · Fast');
    await expect.poll(() => page.evaluate(() => window.kireiInspector?.presetReason()), { timeout: 30_000 }).toBe('108p source → Anime4K Mode A · HQ');
    // Never past the chosen preset, and never back down while there is room.
    expect((await shownMessages(page)).filter((text) => text.startsWith('This graphics card is too slow'))).toHaveLength(2);
  });

});

test.describe('the governor switched off', () => {
  test.use({ initialSettings: { upscaling: { ...defaults(), rules: [{ maximumHeight: 2160, preset: { kind: 'classic' } }], governor: false } } });

  test.use({ viewport: { width: 480, height: 270 } });

  test('leaves the preset alone', async ({ kirei }) => {
    const { page } = kirei;
    const clip = await makeFrameCodeClip(mediaCache, { seconds: 120, frameRate: 24, width: 192, height: 108, name: 'governor-108p-120s.mkv' });
    await kirei.open(clip.path);
    await waitForPicture(page);
    await page.evaluate(() => window.kireiInspector?.overrideFrameTime(100));
    // Long enough for the governor to have stepped down (it does after 1.5 s over budget), counted
    // in frames played rather than in time, which a busy machine stretches.
    const start = (await page.evaluate(() => window.kireiInspector?.presentedMediaTime())) ?? 0;
    await expect.poll(async () => ((await page.evaluate(() => window.kireiInspector?.presentedMediaTime())) ?? 0) - start, { timeout: 60_000 }).toBeGreaterThan(4);
    expect(await page.evaluate(() => window.kireiInspector?.presetReason())).toBe('108p source → Anime4K Classic');
  });
});

test.describe('WebGPU in the player', () => {
  test.use({ initialSettings: { upscaling: { ...defaults(), backend: 'webgpu', rules: [] } } });

  test('draws decoded frames through the WebGPU stage and survives a lost device', async ({ kirei }) => {
    test.setTimeout(120_000);
    const { page } = kirei;
    const adapter = await page.evaluate(async () => {
      const found = await navigator.gpu?.requestAdapter();
      return found ? { fallback: found.info.isFallbackAdapter } : null;
    });
    test.skip(adapter === null, 'this browser has no WebGPU adapter');
    // SwiftShader's WebGPU loses its device after a few hundred frames drawn from a video or a
    // canvas (its shared-image path); the same stage ran cleanly on an NVIDIA GPU. The pipeline
    // itself is checked on SwiftShader by the engine tests.
    test.skip(adapter?.fallback === true, 'WebGPU here is SwiftShader, whose video path loses the device; run on a GPU');
    const clip = await makeFrameCodeClip(mediaCache);
    await kirei.open(clip.path);
    await waitForPicture(page);
    await expect.poll(() => page.evaluate(() => window.kireiInspector?.stageInfo()?.reason)).toContain('WebGPU');
    await expect.poll(() => page.evaluate(() => window.kireiInspector?.stageInfo()?.backend)).toBe('webgpu');
    const lit = async () => {
      const frame = await capture(page);
      return frame ? frame.pixels.filter((value, index) => index % 4 === 0 && value > 100).length : 0;
    };
    await expect.poll(lit).toBeGreaterThan(1000);
    expect(await page.evaluate(() => window.kireiInspector?.loseContext())).toBe(true);
    await expectNotice(page, 'The picture is back.');
    await expect.poll(lit).toBeGreaterThan(1000);
  });
});

function defaults() {
  return {
    backend: 'auto' as const,
    rules: [],
    // A fixed tier: the automatic one measures the GPU first, which only its own test below wants.
    tier: 'hq' as const,
    measuredTier: null,
    seriesOverrides: {},
    scaler: 'catmull-rom' as const,
    referenceScaler: 'catmull-rom' as const,
    governor: true,
    reuseRepeats: true,
    fromPicture: false,
  };
}
