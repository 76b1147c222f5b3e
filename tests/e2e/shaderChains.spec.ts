import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultSettings } from '../../electron/common/settings';
import { makeFrameCodeClip } from '../fixtures/media';
import { chooseFromMenu, openSettings, revealBars } from './harness/controls';
import { corpus, expect, mediaCache, repositoryRoot, test } from './harness/fixtures';
import { pictureSettled } from './harness/settle';

const reason = (page: import('@playwright/test').Page) => page.evaluate(() => window.kireiInspector?.presetReason());
const shaders = path.join(corpus, 'mpv-shaders');

/** Anime4K's Mode A (Fast) as its own input.conf writes it (flat names; the folder keeps them in subfolders), and its clearing key. */
const inputConf = [
  '# Anime4K keys, as the project ships them for mpv',
  'CTRL+1 no-osd change-list glsl-shaders set "~~/shaders/Anime4K_Clamp_Highlights.glsl:~~/shaders/Anime4K_Restore_CNN_S.glsl:~~/shaders/Anime4K_Upscale_CNN_x2_S.glsl"; show-text "Anime4K: Mode A (Fast)"',
  'CTRL+0 no-osd change-list glsl-shaders clr ""; show-text "GLSL shaders cleared"',
  'CTRL+9 no-osd change-list glsl-shaders set "/somewhere/else/Other.glsl"; show-text "Elsewhere"',
  '',
].join('\n');

test.describe('your mpv shaders', () => {
  test.use({ initialSettings: { upscaling: { ...defaultSettings().upscaling, fromPicture: false, rules: [], governor: false } } });

  test('listed with what they do, imported from mpv with their keys, chained by hand, and chosen like a mode', async ({ kirei }) => {
    test.setTimeout(300_000);
    const { page } = kirei;
    const folder = kirei.shaderFolder;
    for (const file of ['Restore/Anime4K_Clamp_Highlights.glsl', 'Restore/Anime4K_Restore_CNN_S.glsl', 'Upscale/Anime4K_Upscale_CNN_x2_S.glsl']) {
      await mkdir(path.join(folder, 'anime4k', path.dirname(file)), { recursive: true });
      await copyFile(path.join(shaders, 'anime4k', file), path.join(folder, 'anime4k', file));
    }
    await copyFile(path.join(shaders, 'other', 'adaptive-sharpen.glsl'), path.join(folder, 'adaptive-sharpen.glsl'));
    await copyFile(path.join(shaders, 'artcnn', 'ArtCNN_C4F16.glsl'), path.join(folder, 'ArtCNN_C4F16.glsl'));
    await writeFile(path.join(folder, 'broken.glsl'), '//!DESC Broken\n//!HOOK MAIN\n//!BIND HOOKED\n//!FROBNICATE 2\nvec4 hook() { return HOOKED_tex(HOOKED_pos); }\n');
    // A file of the viewer's own with a setting: shown as a slider within its range.
    await writeFile(
      path.join(folder, 'tint.glsl'),
      '//!PARAM strength\n//!DESC How much darker\n//!TYPE float\n//!MINIMUM 0.0\n//!MAXIMUM 1.0\n0.25\n\n//!HOOK MAIN\n//!BIND HOOKED\n//!DESC Tint\nvec4 hook() { vec4 colour = HOOKED_tex(HOOKED_pos); return vec4(colour.rgb * (1.0 - strength), colour.a); }\n',
    );
    const configPath = path.join(mediaCache, 'mpv-input.conf');
    await mkdir(mediaCache, { recursive: true });
    await writeFile(configPath, inputConf);

    const clip = await makeFrameCodeClip(mediaCache, { seconds: 180, width: 640, height: 360, name: 'shader-chains-180s-360p.mkv' });
    await kirei.open(clip.path);
    await expect.poll(() => reason(page), { timeout: 60_000 }).toBe('360p source → Off (no rule for it)');

    await openSettings(page);
    const panel = page.getByTestId('settings');
    const files = panel.getByTestId('shader-files');
    // Each file with what its passes say they do; what cannot run says why, with the line.
    const restore = files.locator('li[data-name="anime4k/Restore/Anime4K_Restore_CNN_S.glsl"]');
    await expect(restore).toContainText('Anime4K-v4.0-Restore-CNN-(S)-Conv-4x3x3x3');
    await expect(restore).toContainText(/\d+ passes at MAIN/);
    await expect(files.locator('li[data-name="broken.glsl"]')).toContainText('line 4: //!FROBNICATE is not a directive of a hook pass');
    await expect(files.getByRole('button', { name: 'Add broken.glsl to the chain' })).toBeDisabled();
    // The browser tests draw on WebGL2: compute shaders are listed as needing WebGPU.
    await expect(files.locator('li[data-name="ArtCNN_C4F16.glsl"]')).toContainText('Needs WebGPU');

    const tint = files.locator('li[data-name="tint.glsl"]');
    await tint.getByText('Parameters (1)').click();
    const strength = tint.getByRole('slider', { name: 'strength of tint.glsl' });
    await expect(strength).toHaveValue('0.25');
    await strength.focus();
    await page.keyboard.press('End');
    await expect(tint.locator('output')).toHaveText('1.00');
    await expect.poll(async () => (await kirei.services.settings.get()).shaderParameters).toEqual({ 'tint.glsl': { strength: 1 } });

    // mpv's input.conf: its shader lists become chains, its keys bindings for them.
    kirei.queueDialogAnswer(configPath);
    await panel.getByRole('button', { name: 'Import from mpv…' }).click();
    await expect(page.locator('.toast').filter({ hasText: 'Imported 1 chain and 2 keys from mpv.' })).toBeVisible();
    const chains = panel.getByRole('list', { name: 'Shader chains' });
    await expect(chains).toContainText('Anime4K: Mode A (Fast)');
    const stored = await kirei.services.settings.get();
    expect(stored.shaders.chains.find((chain) => chain.name === 'Anime4K: Mode A (Fast)')?.files).toEqual([
      'anime4k/Restore/Anime4K_Clamp_Highlights.glsl',
      'anime4k/Restore/Anime4K_Restore_CNN_S.glsl',
      'anime4k/Upscale/Anime4K_Upscale_CNN_x2_S.glsl',
    ]);
    expect(stored.inputConf).toContain('Ctrl+1 shader-chain "Anime4K: Mode A (Fast)"');
    expect(stored.inputConf).toContain('Ctrl+0 anime4k-mode off');

    // A chain by hand: files added in order, named, saved.
    await files.getByRole('button', { name: 'Add ArtCNN_C4F16.glsl to the chain' }).click();
    await panel.getByRole('textbox', { name: 'Chain name' }).fill('ArtCNN');
    await panel.getByRole('button', { name: 'Save chain' }).click();
    await expect(chains).toContainText('ArtCNN');
    await files.getByRole('button', { name: 'Add adaptive-sharpen.glsl to the chain' }).click();
    await panel.getByRole('textbox', { name: 'Chain name' }).fill('Sharpen');
    await panel.getByRole('button', { name: 'Save chain' }).click();
    await expect(chains).toContainText('Sharpen');

    // The section at the smallest window the app allows and at large ones: nothing runs off to the right.
    await panel.getByRole('button', { name: 'Edit Anime4K: Mode A (Fast)' }).click();
    for (const size of [{ width: 640, height: 400 }, { width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      const section = panel.locator('section[aria-labelledby="settings-shaders"]');
      await section.scrollIntoViewIfNeeded();
      for (const control of await section.locator('button, input').all()) {
        const box = await control.boundingBox();
        if (box) expect.soft(box.x + box.width, `${await control.getAttribute('aria-label') ?? await control.textContent()} at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.width);
      }
      expect(await section.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
      await page.getByRole('heading', { name: 'Shaders' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(repositoryRoot, 'test-results', 'screens', `${size.width}x${size.height}`, '09-settings-shaders.png') });
    }
    await page.setViewportSize({ width: 1280, height: 720 });
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.getByRole('button', { name: 'Close settings' }).click();

    // The imported key runs the chain; the readout names its passes by their DESC (a network's layers as one row).
    await page.keyboard.press('Control+1');
    await expect.poll(() => reason(page), { timeout: 120_000 }).toBe('Chosen by you → Shaders: Anime4K: Mode A (Fast)');
    await page.keyboard.press('i');
    await expect(page.getByTestId('hud')).toContainText('Anime4K-v4.0-De-Ring-Compute-Statistics', { timeout: 90_000 });
    await expect(page.getByTestId('hud')).toContainText('Restore CNN (S)');
    await page.keyboard.press('i');

    // A chain that cannot run here leaves the last good one running and says why, never a black picture.
    await chooseFromMenu(page, 'upscaling-menu', 'ArtCNN');
    await expect.poll(() => reason(page), { timeout: 60_000 }).toMatch(/^Shaders: ArtCNN could not run \(.*needs WebGPU.*\) → kept Shaders: Anime4K: Mode A \(Fast\)$/);
    await expect(page.locator('.toast').filter({ hasText: 'The shader chain “ArtCNN” could not run, so the picture stays with Shaders: Anime4K: Mode A (Fast).' })).toBeVisible();

    // Two presets side by side: the imported chain on the right, a chain of the viewer's own on the left.
    await page.keyboard.press('Control+1');
    await expect.poll(() => reason(page), { timeout: 120_000 }).toBe('Chosen by you → Shaders: Anime4K: Mode A (Fast)');
    await revealBars(page);
    await page.getByRole('button', { name: /^Compare with the plain scaler/ }).click();
    const leftChoice = page.getByRole('combobox', { name: 'Left side of the split' });
    await expect(leftChoice).toBeVisible();
    await revealBars(page);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.querySelector('video')?.paused)).toBe(true);
    // The paused picture, once the frame it paused on is the one on screen (compared by a digest
    // made in the page: carrying a whole picture across for every read takes seconds on a busy machine).
    await pictureSettled(page, 'the paused picture', 60_000);
    // Kept in the page, and later pictures compared with it there: only two counts cross over.
    await page.evaluate(async () => {
      const frame = await window.kireiInspector?.captureFrame();
      (window as unknown as { comparedWith?: unknown }).comparedWith = frame ?? null;
    });
    /** Columns left and right of the middle where the picture now differs from the kept one by more than a level. */
    const differingColumns = () =>
      page.evaluate(async () => {
        type Picture = { width: number; height: number; pixels: Uint8Array };
        const a = (window as unknown as { comparedWith?: Picture | null }).comparedWith;
        const b = await window.kireiInspector?.captureFrame();
        if (!a || !b || a.width !== b.width || a.height !== b.height) return { left: -1, right: -1 };
        const counts = { left: 0, right: 0 };
        // A margin either side of the divider: its line and the scaler's reach differ by design.
        const middle = a.width / 2;
        for (let x = 0; x < a.width; x++) {
          if (Math.abs(x - middle) < 8) continue;
          let differs = false;
          for (let y = 0; y < a.height && !differs; y += 2) {
            const index = (y * a.width + x) * 4;
            for (let channel = 0; channel < 3; channel++) if (Math.abs((a.pixels[index + channel] ?? 0) - (b.pixels[index + channel] ?? 0)) > 1) differs = true;
          }
          if (differs) counts[x < middle ? 'left' : 'right']++;
        }
        return counts;
      });
    await leftChoice.selectOption({ label: 'Shaders: Sharpen' });
    // The left half changes (sharpened), the right half (the chain on screen) stays exactly as it was.
    await expect
      .poll(async () => {
        const columns = await differingColumns();
        return columns.left > 10 && columns.right === 0 ? 'left changed, right kept' : JSON.stringify(columns);
      }, { timeout: 60_000 })
      .toBe('left changed, right kept');
    await page.screenshot({ path: path.join(repositoryRoot, 'test-results', 'screens', '1280x720', '10-compare-chains.png') });

    // mpv's clearing key clears here too.
    await revealBars(page);
    await page.keyboard.press('Control+0');
    await expect.poll(() => reason(page), { timeout: 60_000 }).toBe('Chosen by you → Off');
  });
});
