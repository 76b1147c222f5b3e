import path from 'node:path';
import { makeBrokenFiles, makeFrameCodeClip } from '../fixtures/media';
import { expect, expectMessage, expectNotice, mediaCache, test } from './harness/fixtures';
import type { Page } from '@playwright/test';
import { settled } from './harness/settle';

const presentedTime = (page: Page) => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1);
const videoState = (page: Page) =>
  page.evaluate(() => {
    const video = document.querySelector('video');
    return video
      ? { time: video.currentTime, paused: video.paused, volume: video.volume, muted: video.muted, rate: video.playbackRate }
      : null;
  });

test('the core mpv keys act on playback', async ({ kirei }) => {
  // Many steps, each waiting on the page: on a busy two-core machine this takes over a minute.
  test.setTimeout(180_000);
  const clip = await makeFrameCodeClip(mediaCache, { seconds: 120, name: 'two-minutes.mkv' });
  const { page } = kirei;
  await kirei.open(clip.path);
  await expect.poll(() => presentedTime(page)).toBeGreaterThan(0.2);

  await page.keyboard.press('Space');
  await expect.poll(async () => (await videoState(page))?.paused).toBe(true);
  await expectMessage(page, 'Paused');
  await page.keyboard.press('p');
  await expect.poll(async () => (await videoState(page))?.paused).toBe(false);
  await page.keyboard.press('p');

  const start = (await videoState(page))?.time ?? 0;
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await videoState(page))?.time).toBeCloseTo(start + 60, 0);
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await videoState(page))?.time).toBeCloseTo(start + 65, 0);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await videoState(page))?.time).toBeCloseTo(start + 60, 0);
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await videoState(page))?.time).toBeCloseTo(start, 0);

  await page.keyboard.press('9');
  await expect.poll(async () => (await videoState(page))?.volume).toBeCloseTo(0.98, 5);
  await expectMessage(page, 'Volume: 98%');
  await page.keyboard.press('0');
  await expect.poll(async () => (await videoState(page))?.volume).toBeCloseTo(1, 5);
  await page.keyboard.press('m');
  await expect.poll(async () => (await videoState(page))?.muted).toBe(true);
  await page.keyboard.press('m');
  await expect.poll(async () => (await videoState(page))?.muted).toBe(false);

  await page.keyboard.press(']');
  await expect.poll(async () => (await videoState(page))?.rate).toBeCloseTo(1.1, 5);
  await page.keyboard.press('[');
  await expect.poll(async () => (await videoState(page))?.rate).toBeCloseTo(1, 5);

  // Still paused from the second `p`: frame stepping moves by one frame (1/25 s) each way.
  expect((await videoState(page))?.paused).toBe(true);
  // The frame on screen is the one the video paused on (a frame the busy GPU skipped is drawn a moment
  // later; after the seeks above it may still show one from a minute on, so the distance counts both ways).
  await expect
    .poll(() => page.evaluate(() => Math.abs((document.querySelector('video')?.currentTime ?? 0) - (window.kireiInspector?.presentedMediaTime() ?? -1))), { message: 'the paused frame is on screen' })
    .toBeLessThan(0.04);
  const before = await settled(() => presentedTime(page), (a, b) => a === b, 'the paused frame stays');
  await page.keyboard.press('.');
  await expect.poll(() => presentedTime(page)).toBeCloseTo(before + 0.04, 2);
  await page.keyboard.press(',');
  await expect.poll(() => presentedTime(page)).toBeCloseTo(before, 2);

  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);

  await page.keyboard.press('q');
  await expect(page.getByRole('button', { name: 'Open a video…' })).toBeVisible();
  await expect(page.getByRole('button', { name: /two-minutes\.mkv/ })).toBeVisible();
});

test('a dropped file plays; a file named on the command line plays; a recent entry reopens', async ({ kirei }) => {
  const clip = await makeFrameCodeClip(mediaCache);
  const { page } = kirei;
  await page.evaluate(
    ([name, filePath]) => {
      (window as unknown as { kireiTestDropPaths: Record<string, string> }).kireiTestDropPaths = { [name]: filePath };
    },
    [path.basename(clip.path), clip.path] as const,
  );
  await page.evaluate((name) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], name, { type: 'video/x-matroska' }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
  }, path.basename(clip.path));
  await expect(page.getByTestId('title')).toHaveText('frame-code');
  await page.keyboard.press('q');

  const media = await kirei.services.media.openPath({ path: clip.path });
  await kirei.emit('mediaOpened', { ok: true, media });
  await expect(page.getByTestId('controls')).toBeVisible();
  await page.keyboard.press('q');

  await page.getByRole('button', { name: /frame-code\.mkv/ }).click();
  await expect(page.getByTestId('controls')).toBeVisible();
});

test('bad files are explained on the start screen and nothing is lost', async ({ kirei }) => {
  const source = await makeFrameCodeClip(mediaCache, { container: 'mp4', seconds: 3, name: 'source.mp4' });
  const broken = await makeBrokenFiles(path.join(mediaCache, 'broken'), source.path);
  const { page } = kirei;
  const cases: [string, RegExp][] = [
    [broken.empty, /empty \(0 bytes\)/],
    [broken.notMedia, /not a video Kirei can read/],
    [broken.truncated, /incomplete/],
    [path.join(mediaCache, 'does-not-exist.mkv'), /cannot find this file/],
  ];
  for (const [file, message] of cases) {
    await kirei.open(file);
    await expect(page.getByRole('alert')).toContainText(message);
  }
  // Cancelling the dialog changes nothing.
  kirei.queueDialogAnswer(null);
  await page.getByRole('button', { name: 'Open a video…' }).click();
  await expect(page.getByRole('button', { name: 'Open a video…' })).toBeEnabled();
});

test('the page runs under the CSP: no remote fetches, no inline script, no eval', async ({ kirei }) => {
  const { page } = kirei;
  const result = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
    const remote = await fetch('https://example.com/').then(
      () => 'fetched',
      () => 'blocked',
    );
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.body.appendChild(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    return { remote, inline: (window as unknown as { inlineRan?: boolean }).inlineRan === true, policy, violations };
  });
  expect(result.remote).toBe('blocked');
  expect(result.inline).toBe(false);
  // Code run by the test driver bypasses CSP, so eval is checked on the policy text instead.
  expect(result.policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
  expect(result.policy).not.toContain("'unsafe-eval'");
  expect(result.violations).toEqual(expect.arrayContaining(['connect-src', 'script-src-elem']));
});

test('a lost GPU context is restored without a reload and the picture comes back', async ({ kirei }) => {
  const clip = await makeFrameCodeClip(mediaCache);
  const { page } = kirei;
  await kirei.open(clip.path);
  await expect.poll(() => presentedTime(page)).toBeGreaterThan(0.2);
  expect(await page.evaluate(() => window.kireiInspector?.loseContext())).toBe(true);
  await expectNotice(page, 'The graphics card was reset');
  await expectNotice(page, 'The picture is back.');
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const frame = await window.kireiInspector?.captureFrame();
        if (!frame) return 0;
        let lit = 0;
        for (let index = 0; index < frame.pixels.length; index += 4) if ((frame.pixels[index] ?? 0) > 100) lit++;
        return lit;
      }),
    )
    .toBeGreaterThan(1000);
});
