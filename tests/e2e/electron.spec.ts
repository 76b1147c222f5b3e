import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { makeFrameCodeClip } from '../fixtures/media';
import { mediaCache, repositoryRoot } from './harness/fixtures';

/**
 * The Electron binary, found the way the electron package finds it but without its fallback of
 * downloading one (this test must never reach the network). KIREI_ELECTRON overrides.
 */
function electronBinary(): { path: string | null; reason: string } {
  const override = process.env['KIREI_ELECTRON'];
  if (override) return existsSync(override) ? { path: override, reason: '' } : { path: null, reason: `KIREI_ELECTRON=${override} does not exist` };
  const packageFolder = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageFolder, 'path.txt');
  if (!existsSync(pathFile)) {
    return { path: null, reason: 'the electron package was installed without its binary (ELECTRON_SKIP_BINARY_DOWNLOAD, or no network)' };
  }
  const binary = path.join(packageFolder, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary, reason: '' } : { path: null, reason: `${binary} is missing` };
}

const binary = electronBinary();

test('the real app starts, is locked down, and plays a file named on its command line', async () => {
  if (binary.path === null) {
    const reason = `Electron smoke test skipped: ${binary.reason}. Install Electron's binary (npx install-electron) or set KIREI_ELECTRON to run it.`;
    console.log(reason);
    test.skip(true, reason);
  }
  const clip = await makeFrameCodeClip(mediaCache);
  const app = await electron.launch({
    executablePath: binary.path ?? '',
    args: [path.join(repositoryRoot, 'dist', 'electron', 'main.cjs'), clip.path],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
  });
  const page = await app.firstWindow();
  await expect(page).toHaveTitle('Kirei');
  expect(page.url()).toBe('kirei-app://bundle/index.html');
  const isolation = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bridge: Object.keys(window.kirei).sort(),
  }));
  expect(isolation).toEqual({ require: 'undefined', process: 'undefined', bridge: ['app', 'media', 'on'] });
  await expect(page.getByTestId('title')).toHaveText('frame-code');
  await expect.poll(() => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1)).toBeGreaterThan(0);
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  await app.close();
});

test('a renderer that crashes is started again, with a word for the viewer', async () => {
  if (binary.path === null) test.skip(true, `Electron test skipped: ${binary.reason}.`);
  const app = await electron.launch({ executablePath: binary.path ?? '', args: [path.join(repositoryRoot, 'dist', 'electron', 'main.cjs')] });
  const page = await app.firstWindow();
  await expect(page).toHaveTitle('Kirei');
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.forcefullyCrashRenderer());
  const again = await app.firstWindow();
  await expect(again.getByText(/The player stopped unexpectedly \(crashed\) and was started again/)).toBeVisible({ timeout: 20_000 });
  await app.close();
});
