import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeFrameCodeClip } from '../fixtures/media';
import { expect, expectMessage, mediaCache, test } from './harness/fixtures';

test('a folder becomes a series; an episode resumes where it was left, and the next one follows', async ({ kirei }) => {
  test.setTimeout(180_000);
  const { page } = kirei;
  const clip = await makeFrameCodeClip(mediaCache, { seconds: 8, width: 320, height: 180, name: 'library-episode.mkv' });
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-library-'));
  await mkdir(path.join(folder, 'Test Show'));
  for (const episode of ['01', '02', '03']) await copyFile(clip.path, path.join(folder, 'Test Show', `[Kirei] Test Show - ${episode} (180p).mkv`));

  kirei.queueFolderAnswer(folder);
  await page.getByRole('button', { name: 'Add a folder of episodes…' }).click();
  const card = page.getByTestId('series-grid').getByRole('button', { name: 'Test Show' });
  await expect(card).toContainText('0 / 3 watched');

  // A file added while the app runs appears without a rescan.
  await copyFile(clip.path, path.join(folder, 'Test Show', '[Kirei] Test Show - 04 (180p).mkv'));
  await expect(card).toContainText('0 / 4 watched', { timeout: 10_000 });

  await card.click();
  await page.getByRole('button', { name: 'Play Episode 1', exact: true }).click();
  await expect(page.getByTestId('topbar')).toContainText('Test ShowEpisode 1');
  await expect.poll(() => page.evaluate(() => document.querySelector('video')?.readyState ?? 0)).toBeGreaterThan(0);
  // Halfway, then back to the library: where the viewer stopped is saved.
  await page.evaluate(() => {
    const video = document.querySelector('video');
    if (video) video.currentTime = video.duration / 2;
  });
  await expect.poll(() => page.evaluate(() => document.querySelector('video')?.currentTime ?? 0)).toBeGreaterThan(3);
  await page.keyboard.press('q');
  // Back where the viewer left the library: the series page, which shows where the episode stopped.
  await expect(page.getByTestId('series-page')).toContainText('Episode 1 · stopped at 0:04');
  await page.getByRole('button', { name: '← Library' }).click();
  const resume = page.getByRole('region', { name: 'Continue watching' }).getByRole('button', { name: /Test Show/ });
  await expect(resume).toContainText('Resume · episode 1');

  await resume.click();
  await expectMessage(page, 'Resuming at 0:0');
  await expect.poll(() => page.evaluate(() => document.querySelector('video')?.currentTime ?? 0)).toBeGreaterThan(3.5);

  // To the end: the next episode is offered with a countdown and plays.
  await page.evaluate(() => {
    const video = document.querySelector('video');
    if (video) {
      video.currentTime = video.duration - 0.5;
      void video.play();
    }
  });
  const next = page.getByTestId('next-episode');
  await expect(next).toContainText('Next: Test Show – episode 2 in');
  await next.getByRole('button', { name: 'Play now' }).click();
  await expect(page.getByTestId('topbar')).toContainText('Test ShowEpisode 2');

  // Episode 1 now counts as watched.
  await page.keyboard.press('q');
  const grid = page.getByTestId('series-grid');
  await expect(grid.getByRole('button', { name: 'Test Show' })).toContainText('1 / 4 watched');
  // Episode 2 is next, or already begun if it played a moment before the viewer left.
  await expect(page.getByRole('region', { name: 'Continue watching' })).toContainText(/(Next|Resume) · episode 2/);
  await grid.getByRole('button', { name: 'Test Show' }).click();
  await expect(page.getByTestId('series-page')).toContainText('1 / 4 watched');
  await page.getByRole('button', { name: 'Mark unwatched' }).first().click();
  await expect(page.getByTestId('series-page')).toContainText('0 / 4 watched');
});
