import { execFile } from 'node:child_process';
import { copyFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeFrameCodeClip, readFrameCode } from '../fixtures/media';
import { corpus, expect, expectNotice, mediaCache, repositoryRoot, test } from './harness/fixtures';
import { readPicture } from './harness/settle';

const run = promisify(execFile);

test('plays a generated H.264/AAC MKV, seeks to 60 % and shows that frame through the WebGL2 stage', async ({ kirei }) => {
  const clip = await makeFrameCodeClip(mediaCache);
  const { page } = kirei;
  await kirei.open(clip.path);

  await expect(page.getByTestId('controls')).toBeVisible();
  await expect(page.getByTestId('duration')).toHaveText('0:10');
  // Playing: the presented media time advances.
  await expect.poll(() => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? 0)).toBeGreaterThan(0.5);

  await page.getByRole('slider', { name: 'Seek' }).fill(String(clip.seconds * 0.6));
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // Wait until the frame after the seek has been presented (paused, so it stays).
  await expect
    .poll(async () => {
      const time = await page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1);
      return Math.abs(time - 6) < 0.5;
    })
    .toBe(true);

  const frame = await readPicture(page);
  expect(frame).not.toBeNull();
  if (!frame) return;
  const scale = frame.width / clip.width;
  const top = (frame.height - clip.height * scale) / 2;
  const mediaTime = await page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1);
  const number = readFrameCode(frame.pixels, frame.width, { x: 0, y: top }, scale);
  expect(Math.abs(number - Math.round(mediaTime * clip.frameRate))).toBeLessThanOrEqual(1);
  expect(Math.abs(number - 150)).toBeLessThanOrEqual(3);

  if (process.env['KIREI_UPDATE_SCREENSHOTS'] === '1') {
    await page.mouse.move(640, 400);
    const shot = path.join(repositoryRoot, 'test-results', 'player.png');
    await page.screenshot({ path: shot });
    await copyFile(shot, path.join(repositoryRoot, 'assets', 'screenshots', 'player.png'));
  }
});

test('opens the corpus MKV with an ASS track and AC-3 audio: the audio is converted and the picture shows', async ({ kirei }) => {
  const { page } = kirei;
  await kirei.open(path.join(corpus, 'video', 'androidx_sample_with_ass_subtitles.mkv'));
  await expectNotice(page, 'Converting Dolby Digital (AC-3) audio to AAC with ffmpeg as it plays.');
  await expect.poll(() => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1)).toBeGreaterThanOrEqual(0);
  const stats = await page.evaluate(async () => {
    const frame = await window.kireiInspector?.captureFrame();
    if (!frame) return null;
    let lit = 0;
    for (let index = 0; index < frame.pixels.length; index += 4) if ((frame.pixels[index] ?? 0) > 24) lit++;
    return { lit, total: frame.pixels.length / 4 };
  });
  expect(stats).not.toBeNull();
  expect(stats?.lit ?? 0).toBeGreaterThan((stats?.total ?? 1) * 0.2);
});

test('a file with no picture gets a clear message, not a black screen', async ({ kirei }) => {
  const { page } = kirei;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-player-'));
  const song = path.join(folder, 'Opening Theme.mka');
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=3', '-c:a', 'ac3', song]);
  await kirei.open(song);
  const message = page.getByTestId('playback-error');
  await expect(message).toBeVisible();
  await expect(message).toContainText('“Opening Theme.mka” cannot be played');
  await expect(message).toContainText('This file has no video stream.');
  await message.getByRole('button', { name: 'Back to the library' }).click();
  await expect(page.getByRole('button', { name: 'Open a video…' })).toBeVisible();
  expect(kirei.conversions.processIds()).toEqual([]);
});
