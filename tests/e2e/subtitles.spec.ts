import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { makeSubtitledClip, oneLineScript } from '../fixtures/media';
import { encodePgs } from '../fixtures/pgs';
import type { Rgba8Image } from '../support/images';
import { decodePng } from '../support/images';
import { chooseFromMenu, menuChoice, menuChoices, revealBars } from './harness/controls';
import { sameBytes, settled } from './harness/settle';
import { corpus, expect, expectMessage, expectNotice, shownMessages, test } from './harness/fixtures';

/** Keys of the viewer's own input.conf, in mpv's syntax: absolute seeks to the test's time points. */
const seekKeys: Record<number, string> = { 2: 'g', 5: 'n', 8: 'b' };
const inputConf = Object.entries(seekKeys)
  .map(([seconds, key]) => `${key} seek ${seconds} absolute`)
  .join('\n');

async function seekTo(page: Page, seconds: number) {
  const key = seekKeys[seconds];
  if (!key) throw new Error(`no key seeks to ${seconds} s`);
  await page.keyboard.press(key);
  await expect.poll(() => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1), { timeout: 30_000 }).toBeCloseTo(seconds, 0);
}

/** Pauses once the first frame is on screen: pausing before it leaves nothing to seek from. */
async function pauseOnPicture(page: Page) {
  await expect.poll(() => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1), { timeout: 30_000 }).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
}

test.use({ initialSettings: { inputConf } });

const run = promisify(execFile);


/** The picture as shown with its subtitles composited; controls, messages and notices left out. */
async function shot(page: Page): Promise<Rgba8Image> {
  // Hidden through the DOM: the page's CSP refuses a stylesheet injected for the screenshot.
  const overlays = (visibility: string) =>
    page.evaluate((value) => {
      for (const element of document.querySelectorAll<HTMLElement>('.player__bars, .osd, .toasts')) element.style.visibility = value;
    }, visibility);
  await overlays('hidden');
  const png = await page.screenshot();
  await overlays('');
  return decodePng(png);
}

function meanDifference(a: Rgba8Image, b: Rgba8Image): number {
  let sum = 0;
  for (let index = 0; index < a.data.length; index += 4) {
    for (let channel = 0; channel < 3; channel++) sum += Math.abs((a.data[index + channel] ?? 0) - (b.data[index + channel] ?? 0));
  }
  return sum / ((a.data.length / 4) * 3);
}

/** The left edge of the yellow box (ASS &H0000FFFF) along its middle row, in page pixels. */
function yellowBox(image: Rgba8Image): { left: number; top: number } | null {
  let left = Infinity;
  let top = Infinity;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const offset = (y * image.width + x) * 4;
      const [red = 0, green = 0, blue = 0] = [image.data[offset], image.data[offset + 1], image.data[offset + 2]];
      if (red > 200 && green > 200 && blue < 80) {
        left = Math.min(left, x);
        top = Math.min(top, y);
      }
    }
  }
  return Number.isFinite(left) ? { left, top } : null;
}

test('an MKV’s subtitle tracks are listed, drawn over the picture, and switching changes what is drawn', async ({ kirei }) => {
  test.setTimeout(120_000);
  const { page } = kirei;
  await kirei.open(path.join(corpus, 'video', 'mediabunny_test-mkv-multi.mkv'));
  const menu = page.getByTestId('subtitle-menu');
  await expect.poll(() => menuChoices(page, 'subtitle-menu')).toEqual(['Off', 'English SRT', 'Spanish ASS']);
  await pauseOnPicture(page);
  // "Hello world!" runs from 1.02 s to 3.52 s in both tracks.
  await seekTo(page, 2);
  await expect(menu).toHaveAccessibleName('Subtitles: English SRT');

  await chooseFromMenu(page, 'subtitle-menu', 'Off');
  await expect(page.getByTestId('subtitles')).toHaveCount(0);
  const bare = await shot(page);
  await chooseFromMenu(page, 'subtitle-menu', 'English SRT');
  await expectMessage(page, 'Subtitles: English SRT');
  await expect.poll(async () => meanDifference(await shot(page), bare), { timeout: 30_000 }).toBeGreaterThan(0.05);
  const english = await shot(page);
  // The ASS track styles the same words differently (its own play resolution, size and outline).
  await page.keyboard.press('j');
  await expectMessage(page, 'Subtitles: Spanish ASS');
  await expect(menu).toHaveAccessibleName('Subtitles: Spanish ASS');
  await expect.poll(async () => meanDifference(await shot(page), english), { timeout: 30_000 }).toBeGreaterThan(0.05);
  // j again: off, as in mpv; v hides and shows; z and Z move them in time.
  await page.keyboard.press('j');
  await expectMessage(page, 'Subtitles: off');
  await expect(menu).toHaveAccessibleName('Subtitles: off');
  await page.keyboard.press('J');
  await expect(menu).toHaveAccessibleName('Subtitles: Spanish ASS');
  await page.keyboard.press('v');
  await expectMessage(page, 'Subtitles: hidden');
  await expect(page.getByTestId('subtitles')).toBeHidden();
  await page.keyboard.press('v');
  await expect(page.getByTestId('subtitles')).toBeVisible();
  // Shown again as they were, not left blank until the next frame.
  await expect.poll(async () => meanDifference(await shot(page), bare), { timeout: 30_000 }).toBeGreaterThan(0.05);
  await page.keyboard.press('Shift+Z');
  await expectMessage(page, 'Subtitle delay: 100 ms');
  await page.keyboard.press('z');
  await page.keyboard.press('z');
  await expectMessage(page, 'Subtitle delay: -100 ms');

  // G and F: every font size, as mpv's sub-scale; kept in the settings.
  const normal = await shot(page);
  await page.keyboard.press('Shift+G');
  await expectMessage(page, 'Subtitle scale: 110 %');
  await expect.poll(async () => (await kirei.services.settings.get()).subtitles.scale).toBe(1.1);
  await expect.poll(async () => meanDifference(await shot(page), normal), { timeout: 30_000 }).toBeGreaterThan(0.01);
  await page.keyboard.press('Shift+F');
  await expect.poll(async () => (await kirei.services.settings.get()).subtitles.scale).toBe(1);

  // s keeps the subtitles in the screenshot, as mpv's does; S leaves them out. Same size, same picture.
  const savedPaths = async () =>
    (await shownMessages(page)).filter((text) => text.startsWith('Screenshot saved: ')).map((text) => text.slice('Screenshot saved: '.length).trim());
  await page.keyboard.press('s');
  await expect.poll(async () => (await savedPaths()).length).toBe(1);
  await page.keyboard.press('Shift+S');
  await expect.poll(async () => (await savedPaths()).length).toBe(2);
  const [withSubtitles, without] = await Promise.all((await savedPaths()).map(async (file) => decodePng(await readFile(file))));
  if (!withSubtitles || !without) throw new Error('no screenshots');
  expect([withSubtitles.width, withSubtitles.height]).toEqual([without.width, without.height]);
  expect(meanDifference(withSubtitles, without)).toBeGreaterThan(0.05);
});

test('a sidecar script stays on its moving target over variable-frame-rate video at three seek points', async ({ kirei }) => {
  test.setTimeout(120_000);
  const { page } = kirei;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-sidecar-'));
  await copyFile(path.join(corpus, 'video', 'jassub_vfr.mp4'), path.join(folder, 'Box Test - 01.mp4'));
  await copyFile(path.join(corpus, 'subs', 'jassub_box.ass'), path.join(folder, 'Box Test - 01.en.ass'));
  await kirei.open(path.join(folder, 'Box Test - 01.mp4'));
  // Named by its language, not by its file's name; the file's name is the second line.
  await expect(page.getByTestId('subtitle-menu')).toHaveAccessibleName('Subtitles: English');
  // As a viewer does: the bars hide while the pointer rests, and a slow machine takes its time to get here.
  await revealBars(page);
  await page.getByTestId('subtitle-menu').click();
  await expect(page.getByRole('menuitemradio', { checked: true })).toContainText('English');
  await expect(page.getByRole('menuitemradio', { checked: true })).toContainText('Box Test - 01.en.ass');
  await expect(page.getByRole('menuitemradio', { checked: true })).toContainText('ASS');
  await page.keyboard.press('Escape');
  await pauseOnPicture(page);
  const readings: { time: number; left: number }[] = [];
  let pixelsPerSecond = 0;
  for (const target of [2, 5, 8]) {
    await seekTo(page, target);
    const rect = await page.evaluate(() => window.kireiInspector?.pictureRect());
    // \move(80,1040,1486,116) over 10 s at 1920×1080: the box's left edge moves 140.6 script pixels a second.
    pixelsPerSecond = ((1486 - 80) / 10) * ((rect?.width ?? 0) / 1920);
    await expect.poll(async () => yellowBox(await shot(page)) !== null, { timeout: 30_000 }).toBe(true);
    // Once the worker has finished the frame on screen; the time read then is the one it was drawn for.
    const box = yellowBox(await settled(() => shot(page), (a, b) => sameBytes(a.data, b.data), 'the subtitle frame settles'));
    const time = (await page.evaluate(() => window.kireiInspector?.presentedMediaTime())) ?? 0;
    if (!box) throw new Error('no box');
    readings.push({ time, left: box.left });
  }
  const [first] = readings;
  if (!first) throw new Error('no readings');
  for (const reading of readings.slice(1)) {
    const expected = (reading.time - first.time) * pixelsPerSecond;
    const measured = reading.left - first.left;
    // One frame of this video lasts at most 33 ms; a box late or early by a frame would be off by more.
    console.log(`box at ${reading.time.toFixed(3)} s: moved ${measured} px, expected ${expected.toFixed(1)} px`);
    expect(pixelsPerSecond).toBeGreaterThan(50);
    expect(Math.abs(measured - expected)).toBeLessThanOrEqual(pixelsPerSecond * 0.034 + 1);
  }
});

test('a font attached to the MKV draws its text; without it the default font does, and the viewer is told', async ({ kirei }) => {
  test.setTimeout(120_000);
  const { page } = kirei;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-fonts-'));
  const script = oneLineScript('Aileron', 'Typeset in Aileron');
  const withFont = await makeSubtitledClip(folder, { name: 'with-font.mkv', script, fonts: [path.join(corpus, 'fonts', 'Aileron-Regular.otf')] });
  const withoutFont = await makeSubtitledClip(folder, { name: 'without-font.mkv', script });
  const drawn = async (file: string) => {
    await kirei.open(file);
    await pauseOnPicture(page);
    await seekTo(page, 2);
    await expect(page.getByTestId('subtitles')).toHaveCount(1);
    // Drawn once the worker has the frame; a blank frame of this clip is one flat colour.
    await expect.poll(async () => meanDifference(await shot(page), blank), { timeout: 30_000 }).toBeGreaterThan(0.05);
    const image = await settled(() => shot(page), (a, b) => sameBytes(a.data, b.data), 'the subtitle frame settles');
    await page.keyboard.press('q');
    await expect(page.getByRole('button', { name: 'Open a video…' })).toBeVisible();
    return image;
  };
  await kirei.open(withoutFont);
  await pauseOnPicture(page);
  // Its track was shown as the file opened, without the font it names: the viewer is told.
  await expectNotice(page, 'Font not found: Aileron. It is drawn in the default font instead.');
  await page.keyboard.press('j');
  await expectMessage(page, 'Subtitles: off');
  await seekTo(page, 2);
  const blank = await shot(page);
  await page.keyboard.press('q');

  const inAileron = await drawn(withFont);
  const inDefault = await drawn(withoutFont);
  const again = await drawn(withFont);
  expect(meanDifference(inAileron, again)).toBeLessThan(0.01);
  expect(meanDifference(inAileron, inDefault)).toBeGreaterThan(0.05);
});

test('a Blu-ray PGS track is drawn from its pictures at their times and places over the picture', async ({ kirei }) => {
  test.setTimeout(120_000);
  const { page } = kirei;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-pgs-'));
  const clip = await makeSubtitledClip(folder, { name: 'plain.mkv', script: oneLineScript('Arimo', ' '), seconds: 10 });
  // BT.601 limited-range red and blue (Y′, Cr, Cb, alpha), as an SD disc's palette stores them.
  const track = encodePgs({ width: 640, height: 360 }, [
    { start: 1, end: 3.5, x: 80, y: 260, width: 320, height: 60, colour: [81, 240, 90, 255] },
    { start: 4, end: 6.5, x: 440, y: 40, width: 160, height: 40, colour: [41, 110, 240, 255] },
  ]);
  await writeFile(path.join(folder, 'track.sup'), track);
  const file = path.join(folder, 'Disc Rip - 01.mkv');
  await run('ffmpeg', ['-v', 'error', '-i', clip, '-i', path.join(folder, 'track.sup'), '-map', '0:v', '-map', '1:0', '-c', 'copy', '-copyts', '-metadata:s:s:0', 'language=eng', file]);

  await kirei.open(file);
  await expect(page.getByTestId('subtitle-menu')).toHaveAccessibleName('Subtitles: English');
  expect(await menuChoice(page, 'subtitle-menu')).toBe('English');
  await pauseOnPicture(page);
  /** What the subtitle canvas holds at a point of the 640×360 disc picture. */
  const colourAt = async (x: number, y: number) => {
    const pixel = await page.evaluate(([pointX, pointY]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="picture-subtitles"]');
      const context = canvas?.getContext('2d');
      if (!canvas || !context) return null;
      return [...context.getImageData(Math.round((pointX * canvas.width) / 640), Math.round((pointY * canvas.height) / 360), 1, 1).data];
    }, [x, y] as const);
    if (!pixel) return 'no layer';
    const [red = 0, green = 0, blue = 0, alpha = 0] = pixel;
    if (alpha === 0) return 'clear';
    if (alpha === 255 && red > 240 && green < 16 && blue < 16) return 'red';
    if (alpha === 255 && red < 16 && green < 16 && blue > 240) return 'blue';
    return `rgba(${pixel.join(', ')})`;
  };
  await seekTo(page, 2);
  await expect.poll(() => colourAt(240, 290)).toBe('red');
  expect(await colourAt(520, 60)).toBe('clear');
  await seekTo(page, 5);
  await expect.poll(() => colourAt(520, 60)).toBe('blue');
  expect(await colourAt(240, 290)).toBe('clear');
  await page.keyboard.press('v');
  await expect(page.getByTestId('picture-subtitles')).toBeHidden();
  await page.keyboard.press('v');
  await seekTo(page, 8);
  await expect.poll(() => colourAt(520, 60)).toBe('clear');
});
