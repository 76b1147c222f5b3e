import { copyFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeTwoAudioClip } from '../fixtures/media';
import { dominantFrequency } from './harness/audioProbe';
import { menuChoices } from './harness/controls';
import { expect, expectMessage, test } from './harness/fixtures';

test('a file’s audio tracks are listed and switching changes what is heard; the series remembers the language', async ({ kirei }) => {
  test.setTimeout(120_000);
  const { page } = kirei;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-audio-'));
  const clip = await makeTwoAudioClip(folder, 'source.mkv');
  const episode = (number: string) => path.join(folder, `[Kirei] Audio Test - ${number}.mkv`);
  await copyFile(clip, episode('01'));
  await copyFile(clip, episode('02'));

  await kirei.open(episode('01'));
  const menu = page.getByTestId('audio-menu');
  await expect.poll(() => menuChoices(page, 'audio-menu')).toEqual(['English · mono · AAC', 'Japanese · mono · AAC']);
  await expect(menu).toHaveAccessibleName('Audio: English · mono · AAC');
  await expect.poll(() => dominantFrequency(page), { timeout: 30_000 }).toBeCloseTo(440, -2);

  await page.keyboard.press('#');
  await expectMessage(page, 'Audio: Japanese · mono · AAC');
  await expect(menu).toHaveAccessibleName('Audio: Japanese · mono · AAC');
  await expect.poll(() => dominantFrequency(page), { timeout: 30_000 }).toBeGreaterThan(1300);
  await expect.poll(async () => Object.values((await kirei.services.settings.get()).audio.languageBySeries)).toEqual(['jpn']);

  await page.keyboard.press('q');
  await kirei.open(episode('02'));
  await expect(menu).toHaveAccessibleName('Audio: Japanese · mono · AAC');
  await expect.poll(() => page.evaluate(() => (document.querySelector('video') as unknown as { audioTracks: { length: number; [index: number]: { enabled: boolean } } }).audioTracks[1]?.enabled)).toBe(true);
});
