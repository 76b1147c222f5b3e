import { copyFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultSettings } from '../../electron/common/settings';
import { makeFrameCodeClip } from '../fixtures/media';
import { makeDrawnClip } from '../fixtures/nativeTestSet';
import { chooseFromMenu, openSettings } from './harness/controls';
import { corpus, expect, expectMessage, mediaCache, shownMessages, test } from './harness/fixtures';

const reason = (page: import('@playwright/test').Page) => page.evaluate(() => window.kireiInspector?.presetReason());

test.describe('presets per source resolution', () => {
  // SwiftShader cannot keep up with these presets; the governor would rightly step them down.
  test.use({ initialSettings: { upscaling: { ...defaultSettings().upscaling, fromPicture: false, tier: 'fast', governor: false } } });

  test('480p, 720p and 1080p sources get the modes the rules name, announced when the file opens', async ({ kirei }) => {
    test.setTimeout(180_000);
    const { page } = kirei;
    const cases = [
      { width: 854, height: 480, expected: '480p source → Anime4K Mode C · HQ' },
      { width: 1280, height: 720, expected: '720p source → Anime4K Mode B · Fast' },
      { width: 1920, height: 1080, expected: '1080p source → Anime4K Mode A · Fast' },
      { width: 3840, height: 2160, expected: '2160p source → Off (no rule for it)' },
    ];
    for (const { width, height, expected } of cases) {
      const clip = await makeFrameCodeClip(mediaCache, { seconds: 2, width, height, name: `rules-${height}p.mkv` });
      await kirei.open(clip.path);
      await expectMessage(page, expected, 60_000);
      await expect.poll(() => reason(page), { timeout: 60_000 }).toBe(expected);
      await page.keyboard.press('q');
      await expect(page.getByRole('button', { name: 'Open a video…' })).toBeVisible();
    }
  });

  test('the settings panel edits the rules; the change is stored and applies to the open file', async ({ kirei }) => {
    test.setTimeout(120_000);
    const { page } = kirei;
    const clip = await makeFrameCodeClip(mediaCache, { seconds: 2, width: 854, height: 480, name: 'rules-480p.mkv' });
    await kirei.open(clip.path);
    await expect.poll(() => reason(page), { timeout: 60_000 }).toBe('480p source → Anime4K Mode C · HQ');
    await openSettings(page);
    const panel = page.getByTestId('settings');
    await panel.getByRole('combobox', { name: 'Rule 1 preset' }).selectOption({ label: 'Classic' });
    await expect.poll(() => reason(page), { timeout: 60_000 }).toBe('480p source → Anime4K Classic');
    // Raising the first rule to 1080p keeps the order by height and the source still matches it.
    await panel.getByRole('button', { name: 'Remove rule 1' }).click();
    await expect.poll(() => reason(page), { timeout: 60_000 }).toBe('480p source → Anime4K Mode B · Fast');
    await panel.getByRole('combobox', { name: 'Quality' }).selectOption('hq');
    await expect.poll(() => reason(page), { timeout: 60_000 }).toBe('480p source → Anime4K Mode B · HQ');
    const stored = await kirei.services.settings.get();
    expect(stored.upscaling.rules.map((rule) => rule.maximumHeight)).toEqual([720, 1080]);
    expect(stored.upscaling.tier).toBe('hq');

    // Keys: a binding of the viewer's own, in input.conf syntax; a bad line is pointed out.
    await panel.getByRole('textbox', { name: 'input.conf' }).fill('x cycle compare\nbogus-line-without-command');
    await expect(panel.getByRole('alert')).toContainText('line 2');
    await panel.getByRole('textbox', { name: 'input.conf' }).fill('x cycle compare');
    await panel.getByRole('button', { name: 'Apply keys' }).click();
    // Applied once the page holds the stored keys (the button has nothing left to apply).
    await expect(panel.getByRole('button', { name: 'Apply keys' })).toBeDisabled();
    await panel.getByRole('button', { name: 'Close settings' }).click();
    await expect(panel).toBeHidden();
    await page.keyboard.press('x');
    await expect(page.getByTestId('compare')).toBeVisible();
    expect((await kirei.services.settings.get()).inputConf).toBe('x cycle compare');
  });

  test('a preset kept for a series applies to its other episodes until it is forgotten', async ({ kirei }) => {
    test.setTimeout(120_000);
    const { page } = kirei;
    const clip = await makeFrameCodeClip(mediaCache, { seconds: 2, width: 320, height: 180, name: 'series-180p.mkv' });
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-series-'));
    const episode = (number: string) => path.join(folder, `[Kirei] Series Test - ${number} (180p).mkv`);
    await copyFile(clip.path, episode('01'));
    await copyFile(clip.path, episode('02'));

    await kirei.open(episode('01'));
    await expect.poll(() => reason(page), { timeout: 60_000 }).toBe('180p source → Anime4K Mode C · HQ');
    await page.keyboard.press('Control+7');
    await chooseFromMenu(page, 'upscaling-menu', 'Keep Classic for Series Test');
    await expect.poll(() => reason(page), { timeout: 60_000 }).toBe('Series setting → Anime4K Classic');
    await page.keyboard.press('q');

    await kirei.open(episode('02'));
    await expect.poll(() => reason(page), { timeout: 60_000 }).toBe('Series setting → Anime4K Classic');
    expect(Object.values((await kirei.services.settings.get()).upscaling.seriesOverrides)).toEqual([{ kind: 'classic' }]);
    await chooseFromMenu(page, 'upscaling-menu', 'Forget Classic for Series Test');
    await expect.poll(() => reason(page), { timeout: 60_000 }).toBe('180p source → Anime4K Mode C · HQ');
  });
});

test.describe('the automatic tier', () => {
  test.use({ initialSettings: { upscaling: { ...defaultSettings().upscaling, fromPicture: false, rules: [], tier: 'auto', measuredTier: null } } });

  test('is measured on the GPU once, stored with its name, and measured again on request', async ({ kirei }) => {
    test.setTimeout(120_000);
    const { page } = kirei;
    const clip = await makeFrameCodeClip(mediaCache, { seconds: 2, width: 320, height: 180, name: 'tier-180p.mkv' });
    await kirei.open(clip.path);
    const measured = () => kirei.services.settings.get().then((settings) => settings.upscaling.measuredTier);
    await expect.poll(measured, { timeout: 60_000 }).not.toBeNull();
    const first = await measured();
    const stage = await page.evaluate(() => window.kireiInspector?.stageInfo());
    expect(first?.gpu).toBe(`WebGL2 · ${stage?.renderer ?? ''}`);
    // A CPU rasteriser cannot run Mode A HQ at 1080p in half of a 24 fps frame.
    expect(first?.tier).toBe('fast');
    // Too slow even for a picture a sixteenth the size: the full size is never run, so the window never froze.
    expect(first?.estimated).toBe(true);
    await expectMessage(page, /^This graphics card is too slow for HQ, so upscaling uses Fast \(Mode A HQ (?:would take about [\d.]+ ms a frame|did not finish a frame in time) at \d+×\d+\)$/);

    await openSettings(page);
    const panel = page.getByTestId('settings');
    await expect(panel.getByRole('combobox', { name: 'Quality' })).toContainText('Automatic (Fast)');
    await expect(panel.getByTestId('tier-measurement')).toContainText(`Measured on WebGL2 · ${stage?.renderer ?? ''}: Mode A HQ`);
    await panel.getByRole('button', { name: 'Measure again' }).click();
    const measurings = async () => (await shownMessages(page)).filter((text) => text.startsWith('Measuring this graphics card')).length;
    await expect.poll(measurings, { timeout: 30_000 }).toBe(2);
    await expect.poll(measured, { timeout: 60_000 }).not.toBeNull();
  });
});

test.describe('the mode from the picture', () => {
  test.use({ initialSettings: { upscaling: { ...defaultSettings().upscaling, tier: 'fast', governor: false } } });

  test('a 1080p clip drawn at 720p starts on the rule and gets the 720p reason once its picture is measured', async ({ kirei }) => {
    test.setTimeout(180_000);
    const { page } = kirei;
    const clip = makeDrawnClip(corpus, mediaCache, 'drawn-at-720p.mp4', 720);
    await kirei.open(clip);
    const drawnAt720 = /^1080p file, drawn at 720p \(confidence 0\.\d\d\), soft lines → Anime4K Mode A · Fast$/;
    await expect.poll(() => reason(page), { timeout: 90_000 }).toMatch(drawnAt720);
    // Said on screen, and shown with its figures in the readout.
    await expectMessage(page, drawnAt720);
    await page.keyboard.press('i');
    await expect(page.getByTestId('hud')).toContainText(/Picture drawn at 720p \(bicubic b=0 c=0\.5, confidence 0\.\d\d\); edges \d\.\d px/);
  });
});
