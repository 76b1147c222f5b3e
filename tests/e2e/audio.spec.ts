import { copyFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makeTwoAudioClip } from '../fixtures/media';
import { expect, expectMessage, test } from './harness/fixtures';

/** The loudest frequency of what the video element plays now, measured through Web Audio. */
async function dominantFrequency(page: Page): Promise<number> {
  return page.evaluate(async () => {
    type Probe = { context: AudioContext; analyser: AnalyserNode };
    const holder = window as unknown as { kireiAudioProbe?: Probe };
    const video = document.querySelector('video');
    if (!video) return -1;
    if (!holder.kireiAudioProbe) {
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 4096;
      context.createMediaElementSource(video).connect(analyser);
      holder.kireiAudioProbe = { context, analyser };
    }
    const { context, analyser } = holder.kireiAudioProbe;
    await context.resume();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let loudest = 0;
    for (let index = 1; index < bins.length; index++) if ((bins[index] ?? -Infinity) > (bins[loudest] ?? -Infinity)) loudest = index;
    return (loudest * context.sampleRate) / analyser.fftSize;
  });
}

test('a file’s audio tracks are listed and switching changes what is heard; the series remembers the language', async ({ kirei }) => {
  test.setTimeout(120_000);
  const { page } = kirei;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-audio-'));
  const clip = await makeTwoAudioClip(folder, 'source.mkv');
  const episode = (number: string) => path.join(folder, `[Kirei] Audio Test - ${number}.mkv`);
  await copyFile(clip, episode('01'));
  await copyFile(clip, episode('02'));

  await kirei.open(episode('01'));
  const menu = page.getByRole('combobox', { name: 'Audio' });
  await expect(menu.locator('option')).toHaveText(['English · mono · AAC', 'Japanese · mono · AAC']);
  await expect(menu).toHaveValue('0');
  await expect.poll(() => dominantFrequency(page), { timeout: 30_000 }).toBeCloseTo(440, -2);

  await page.keyboard.press('#');
  await expectMessage(page, 'Audio: Japanese · mono · AAC');
  await expect(menu).toHaveValue('1');
  await expect.poll(() => dominantFrequency(page), { timeout: 30_000 }).toBeGreaterThan(1300);
  await expect.poll(async () => Object.values((await kirei.services.settings.get()).audio.languageBySeries)).toEqual(['jpn']);

  await page.keyboard.press('q');
  await kirei.open(episode('02'));
  await expect(menu).toHaveValue('1');
  await expect.poll(() => page.evaluate(() => (document.querySelector('video') as unknown as { audioTracks: { length: number; [index: number]: { enabled: boolean } } }).audioTracks[1]?.enabled)).toBe(true);
});
