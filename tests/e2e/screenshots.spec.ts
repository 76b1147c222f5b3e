import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { makeFrameCodeClip } from '../fixtures/media';
import { expect, mediaCache, shownMessages, test } from './harness/fixtures';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('s, S and Ctrl+s save screenshots at output resolution and say where', async ({ kirei }) => {
  const { page } = kirei;
  const clip = await makeFrameCodeClip(mediaCache, { seconds: 4, name: 'screenshot-source.mkv' });
  await kirei.open(clip.path);
  await expect.poll(() => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1), { timeout: 30_000 }).toBeGreaterThanOrEqual(0);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const rect = await page.evaluate(() => window.kireiInspector?.pictureRect());
  if (!rect) throw new Error('no picture');

  const saved: string[] = [];
  for (const key of ['s', 'Shift+S', 'Control+s']) {
    await page.keyboard.press(key);
    // Each key's message names a file of its own.
    const savedPaths = async () =>
      (await shownMessages(page)).filter((text) => text.startsWith('Screenshot saved: ')).map((text) => text.slice('Screenshot saved: '.length).trim());
    await expect.poll(async () => (await savedPaths()).length).toBe(saved.length + 1);
    saved.push((await savedPaths()).at(-1) ?? '');
  }
  const [withSubtitles, video, windowShot] = saved.map((file) => path.basename(file));
  expect(withSubtitles).toMatch(/^screenshot-source - 00-00-0\d\.\d{3}\.png$/);
  expect(video).toMatch(/\(no subtitles\)\.png$/);
  expect(windowShot).toMatch(/\(window\)\.png$/);

  // The picture at the size it is drawn (the canvas's device pixels, without letterbox bars).
  const picture = pngSize(await readFile(saved[0] ?? ''));
  expect(picture).toEqual({ width: rect.width, height: rect.height });
  expect(pngSize(await readFile(saved[1] ?? ''))).toEqual(picture);
  // The window as shown: the page's size.
  const viewport = page.viewportSize();
  expect(pngSize(await readFile(saved[2] ?? ''))).toEqual({ width: viewport?.width, height: viewport?.height });
});
