import { mkdtemp } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { makeTwoAudioClip } from '../fixtures/media';
import { dominantFrequency } from './harness/audioProbe';
import { corpus, expect, expectMessage, expectNotice, test } from './harness/fixtures';

/** Keys of the viewer's own input.conf: absolute seeks to the test's time points. */
const seekKeys: Record<number, string> = { 6: 'g', 14: 'n', 3: 'b', 200: 'm' };
const inputConf = Object.entries(seekKeys)
  .map(([seconds, key]) => `${key} seek ${seconds} absolute`)
  .join('\n');
test.use({ initialSettings: { inputConf } });

const run = promisify(execFile);

const presentedTime = (page: Page) => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1);

async function seekTo(page: Page, seconds: number) {
  const key = seekKeys[seconds];
  if (!key) throw new Error(`no key seeks to ${seconds} s`);
  await page.keyboard.press(key);
  // Playing on from the target, not from wherever the last stream was.
  await expect
    .poll(async () => {
      const time = await presentedTime(page);
      return time >= seconds - 0.1 && time < seconds + 3 ? 'at the target' : time;
    }, { timeout: 30_000 })
    .toBe('at the target');
}

/** Side of the square blocks both pictures are averaged over before they are compared. */
const block = 4;

/** The source frame at a time, decoded by ffmpeg itself and averaged down to the compared size, RGB. */
async function referenceFrame(file: string, seconds: number, width: number, height: number): Promise<Buffer> {
  const filter = `scale=${width}:${height}:flags=area`;
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-ss', String(seconds), '-i', file, '-frames:v', '1', '-vf', filter, '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'], { encoding: 'buffer', maxBuffer: 16 << 20 });
  return stdout;
}

/**
 * Mean absolute difference (levels, RGB) between the frame on screen and ffmpeg's decoding of
 * the source. Averaged in the page: the whole frame over the wire took longer than a poll allows.
 */
async function differenceFromReference(page: Page, file: string): Promise<number> {
  const frame = await page.evaluate(async (side) => {
    const captured = await window.kireiInspector?.captureFrame();
    if (!captured) return null;
    const width = Math.floor(captured.width / side);
    const height = Math.floor(captured.height / side);
    const averaged: number[] = [];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let channel = 0; channel < 3; channel++) {
          let sum = 0;
          for (let row = 0; row < side; row++) {
            for (let column = 0; column < side; column++) sum += captured.pixels[((y * side + row) * captured.width + x * side + column) * 4 + channel] ?? 0;
          }
          averaged.push(sum / (side * side));
        }
      }
    }
    return { width, height, averaged };
  }, block);
  if (!frame) return Infinity;
  const reference = await referenceFrame(file, 1, frame.width, frame.height);
  let total = 0;
  frame.averaged.forEach((value, index) => (total += Math.abs(value - (reference[index] ?? 0))));
  return total / frame.averaged.length;
}

const ffmpegRunning = (kirei: { conversions: { processIds(): number[] } }) => kirei.conversions.processIds().length;

test('AC-3 and E-AC-3 audio play through ffmpeg: sound, picture, seeking and switching tracks', async ({ kirei }) => {
  test.setTimeout(150_000);
  const { page } = kirei;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-conversion-'));
  const clip = await makeTwoAudioClip(folder, 'dolby.mkv', 30, ['ac3', 'eac3']);

  await kirei.open(clip);
  await expectNotice(page, 'Converting Dolby Digital (AC-3) and Dolby Digital Plus (E-AC-3) audio to AAC with ffmpeg as it plays.');
  await expect.poll(() => presentedTime(page), { timeout: 30_000 }).toBeGreaterThan(0.5);
  await expect.poll(() => page.evaluate(() => document.querySelector('video')?.duration ?? 0)).toBeCloseTo(30, 0);
  await expect.poll(() => dominantFrequency(page), { timeout: 30_000 }).toBeCloseTo(440, -2);

  await seekTo(page, 14);
  await expect.poll(() => dominantFrequency(page), { timeout: 30_000 }).toBeCloseTo(440, -2);
  await seekTo(page, 3);

  const beforeSwitch = await presentedTime(page);
  await page.keyboard.press('#');
  await expectMessage(page, 'Audio: Japanese · mono · Dolby Digital Plus (E-AC-3)');
  await expect.poll(() => dominantFrequency(page), { timeout: 30_000 }).toBeGreaterThan(1300);
  // The other track is converted from where the viewer was (one frame of slack), not from the start.
  const afterSwitch = await presentedTime(page);
  expect(afterSwitch).toBeGreaterThanOrEqual(beforeSwitch - 0.05);
  expect(afterSwitch).toBeLessThan(beforeSwitch + 10);

  expect(ffmpegRunning(kirei)).toBeLessThanOrEqual(1);
  await page.keyboard.press('q');
  await expect.poll(() => ffmpegRunning(kirei)).toBe(0);
});

test('10-bit HEVC is converted to H.264 and plays and seeks', async ({ kirei }) => {
  test.setTimeout(120_000);
  const { page } = kirei;
  const file = path.join(corpus, 'video', 'gradient_1080p_0-25_yuv420p10_x265.mp4');
  await kirei.open(file);
  await expectNotice(page, 'Converting HEVC (H.265) video to H.264 with ffmpeg as it plays.');
  await expect.poll(() => presentedTime(page), { timeout: 60_000 }).toBeGreaterThan(0.3);
  // The still test card as ffmpeg decodes the HEVC source (a black frame would be ~56 levels off).
  await expect.poll(() => differenceFromReference(page, file), { timeout: 30_000 }).toBeLessThan(5);
  await expect.poll(() => page.evaluate(() => document.querySelector('video')?.duration ?? 0)).toBeCloseTo(10, 0);
  await seekTo(page, 6);
  await seekTo(page, 3);
  expect(await page.getByRole('alert').count()).toBe(0);
});

test('an ffmpeg crash mid-stream is said, and a seek converts again', async ({ kirei }) => {
  test.setTimeout(120_000);
  const { page } = kirei;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-conversion-'));
  // Long enough that ffmpeg is still converting (a minute ahead of the playhead, plus what the pipes
  // hold) when it is killed, and again after the seek to 200 s.
  const clip = await makeTwoAudioClip(folder, 'crash.mkv', 600, ['ac3', 'ac3']);

  await kirei.open(clip);
  await expect.poll(() => presentedTime(page), { timeout: 30_000 }).toBeGreaterThan(0.5);
  const [victim] = kirei.conversions.processIds();
  expect(victim).toBeDefined();
  process.kill(victim ?? 0, 'SIGKILL');
  await expectNotice(page, /Converting this video stopped near \d+:\d\d: ffmpeg was stopped by SIGKILL\. What was converted still plays; seek to try again\./);

  await seekTo(page, 200);
  expect(ffmpegRunning(kirei)).toBe(1);
  await page.keyboard.press('q');
  await expect(page.getByRole('button', { name: 'Open a video…' })).toBeVisible();
  await expect.poll(() => ffmpegRunning(kirei)).toBe(0);
  expect(() => process.kill(victim ?? 0, 0)).toThrow();
});
