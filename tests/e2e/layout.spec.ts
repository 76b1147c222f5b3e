import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makeLibraryFolder } from '../fixtures/library';
import { decodePng } from '../support/images';
import { revealBars } from './harness/controls';
import type { KireiHarness } from './harness/fixtures';
import { corpus, expect, mediaCache, repositoryRoot, test } from './harness/fixtures';
import { changedBands, expectControlsFit } from './harness/layout';
import { sameBytes, settled } from './harness/settle';

/**
 * The whole UI at the smallest window Kirei allows, at 720p and 1080p, and on a 4K screen at 200 %:
 * layout, not pixels. Every state's picture is kept under test-results/screens for a person to look at.
 */
const sizes = [
  { name: '640x400', width: 640, height: 400, scale: 1 },
  { name: '1280x720', width: 1280, height: 720, scale: 1 },
  { name: '1920x1080', width: 1920, height: 1080, scale: 1 },
  { name: '1920x1080@2x', width: 1920, height: 1080, scale: 2 },
];

const presented = (page: Page) => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1);

/** The window as shown, with the bars and messages made invisible for the shot (they still cover what they cover). */
async function pictureShot(page: Page) {
  const hide = (visibility: string) =>
    page.evaluate((value) => {
      for (const element of document.querySelectorAll<HTMLElement>('.player__bars, .osd, .toasts')) element.style.visibility = value;
    }, visibility);
  await hide('hidden');
  const png = await page.screenshot();
  await hide('');
  return decodePng(png);
}

for (const size of sizes) {
  test.describe(`at ${size.name}`, () => {
    test.use({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.scale });
    test.beforeAll(() => rm(path.join(repositoryRoot, 'test-results', 'screens', size.name), { recursive: true, force: true }));

    test('the library and the player fit, subtitles stay clear of the bars, keys work after every menu', async ({ kirei }) => {
      // Many steps on a software renderer, four times over on a busy machine.
      test.setTimeout(300_000);
      const { page } = kirei;
      const save = (name: string) => page.screenshot({ path: path.join(repositoryRoot, 'test-results', 'screens', size.name, `${name}.png`) });
      const library = await makeLibraryFolder(mediaCache, corpus);

      // The first screen: everything reachable.
      await expect(page.getByRole('button', { name: 'Open a video…' })).toBeVisible();
      await expectControlsFit(page, page.getByRole('main'), 'start screen');
      await save('01-start');

      // The library: a bar of its own, a grid that has height and scrolls, titles clear of thumbnails.
      kirei.queueFolderAnswer(library.root);
      await page.getByRole('button', { name: 'Add a folder of episodes…' }).click();
      const grid = page.getByTestId('series-grid');
      await expect(grid.getByRole('button', { name: /^Bocchi the Rock!,/ })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Kirei' })).toHaveCount(0);
      await expectControlsFit(page, page.locator('.library__bar'), 'library bar');
      expect((await grid.boundingBox())?.height ?? 0).toBeGreaterThan(100);
      const frieren = grid.getByRole('button', { name: /^Sousou no Frieren,/ });
      // Specials belong to their show, and a file that is not a video is not counted.
      await expect(grid.getByRole('button', { name: /^Specials/ })).toHaveCount(0);
      const scroller = page.getByTestId('library-scroll');
      // Thumbnails are made in the background; the one of a 4:3 show is cropped to its card.
      const onePiece = grid.getByRole('button', { name: /^One Piece,/ });
      await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      await expect(frieren).toContainText('0 / 2 watched · 1 cannot be played', { timeout: 60_000 });
      await scroller.evaluate((element) => element.scrollTo({ top: 0 }));
      await save('02-library');
      const search = page.getByRole('searchbox', { name: 'Search the library' });
      await search.fill('piece');
      await expect(onePiece.locator('img')).toHaveCount(1, { timeout: 60_000 });
      const [thumbnail, title] = await Promise.all([onePiece.locator('.thumbnail').boundingBox(), onePiece.locator('.series-card__title').boundingBox()]);
      const image = await onePiece.locator('img').boundingBox();
      expect(title?.y ?? 0).toBeGreaterThanOrEqual((thumbnail?.y ?? 0) + (thumbnail?.height ?? 0) - 0.5);
      expect((image?.y ?? 0) + (image?.height ?? 0)).toBeLessThanOrEqual((thumbnail?.y ?? 0) + (thumbnail?.height ?? 0) + 0.5);
      await save('02-library-search');
      await search.fill('');
      // The page scrolls to its last card.
      const scrollable = await scroller.evaluate((element) => element.scrollHeight > element.clientHeight);
      if (size.height <= 720) expect(scrollable).toBe(true);
      await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      await expect(grid.getByRole('button', { name: /^Vinland Saga,/ })).toBeInViewport();
      await save('03-library-scrolled');

      // A series: the broken download is marked with the reason, and says so once when played.
      await search.fill('frieren');
      await frieren.click();
      const seriesPage = page.getByTestId('series-page');
      await expect(seriesPage.getByTestId('episode').filter({ hasText: 'Episode 3' })).toContainText('Cannot be played: This file is not a video Kirei can read: it is damaged, or not a video at all.');
      await expect(seriesPage.getByTestId('episode').filter({ hasText: 'Creditless opening' })).toHaveCount(1);
      await expectControlsFit(page, seriesPage.locator('header'), 'series page header');
      // Its episodes scroll with the page; each row's buttons stay inside the window's width.
      for (const row of await seriesPage.getByTestId('episode').all()) {
        const box = await row.boundingBox();
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(size.width);
      }
      await save('04-series');
      await page.getByRole('button', { name: 'Play Episode 3', exact: true }).click();
      const problem = page.getByTestId('open-problem');
      await expect(problem).toContainText('“[SubsPlease] Sousou no Frieren - 03 (1080p) [CDEF3456].mkv” could not be opened');
      await expect(problem).toContainText('This file is not a video Kirei can read: it is damaged, or not a video at all. If it was a download, download it again.');
      await expect(problem.locator('details')).not.toHaveAttribute('open');
      await expect(page.locator('.toast')).toHaveCount(0);
      await save('05-open-problem');
      await problem.getByRole('button', { name: 'Dismiss' }).click();

      // The player, paused on its first picture with the bars shown.
      await page.getByRole('button', { name: 'Play Episode 1', exact: true }).click();
      await expect(page.getByTestId('title')).toHaveText('Sousou no Frieren');
      await expect(page.getByTestId('topbar')).toContainText('Episode 1');
      await expect.poll(() => presented(page), { timeout: 60_000 }).toBeGreaterThan(0.3);
      await page.keyboard.press('Space');
      await expect.poll(() => page.evaluate(() => document.querySelector('video')?.paused)).toBe(true);
      await revealBars(page);
      const bars = page.locator('.player__bars');
      await expectControlsFit(page, bars, 'player bars');
      for (const button of await page.getByTestId('controls').locator('button').all()) {
        await expect.soft(button).toHaveAttribute('aria-label', /.+/);
      }
      // Wait for the subtitles to settle clear of the bars (libass has drawn them there).
      await expect(page.getByTestId('subtitles')).toHaveAttribute('data-room', /^\d+ [1-9]\d*$/, { timeout: 20_000 });
      await page.keyboard.press('v');
      await expect(page.getByTestId('subtitles')).toBeHidden();
      await page.keyboard.press('v');
      await expect(page.getByTestId('subtitles')).toBeVisible();
      const seek = await page.locator('.controls .seek').boundingBox();
      const titleBox = await page.getByTestId('title').boundingBox();
      // Where the subtitles are: the picture with their layer shown against the same moment without it,
      // taken back to back, so that nothing else on screen (a preset compiled late, a frame caught up) differs.
      const subtitleBands = async () => {
        // The bars show while this is measured (the pointer rests on them); should they have hidden
        // on a slow machine, they are brought back and the lines given their room again first.
        await revealBars(page);
        await expect(page.getByTestId('subtitles')).toHaveAttribute('data-room', /^\d+ [1-9]\d*$/);
        // Hidden and shown again as the viewer does it (v): the picture without the lines against
        // the picture with them, the lines repainted as the player does whenever the layer comes back.
        const layer = page.getByTestId('subtitles');
        await page.keyboard.press('v');
        await expect(layer).toBeHidden();
        const without = await pictureShot(page);
        await page.keyboard.press('v');
        await expect(layer).toBeVisible();
        return changedBands(await pictureShot(page), without, size.scale);
      };
      // libass draws in a worker: the lifted lines arrive a frame or two after the room is given.
      let bands: ReturnType<typeof changedBands> = [];
      await expect
        .poll(async () => {
          bands = await subtitleBands();
          return bands.length >= 2 ? (bands.at(-1)?.bottom ?? Infinity) : Infinity;
        }, { message: 'a sign at the top, and the bottom line above the seek bar', timeout: 20_000 })
        .toBeLessThanOrEqual(seek?.y ?? 0);
      await save('06-player-paused');
      const sign = bands[0];
      expect(sign?.top ?? 0, 'the top sign sits below the title').toBeGreaterThanOrEqual((titleBox?.y ?? 0) + (titleBox?.height ?? 0) - 1);

      // Every menu fits, and the player's keys work right after picking from it.
      const isPaused = () => page.evaluate(() => document.querySelector('video')?.paused ?? null);
      const menus: { id: string; choice: RegExp; name: string }[] = [
        { id: 'upscaling-menu', choice: /^Classic/, name: 'upscaling' },
        { id: 'subtitle-menu', choice: /^Full Subtitles/, name: 'subtitles' },
        { id: 'audio-menu', choice: /^English/, name: 'audio' },
        { id: 'more-menu', choice: /^Frame-time readout/, name: 'more' },
      ];
      for (const menu of menus) {
        await revealBars(page);
        await page.getByTestId(menu.id).click();
        const list = page.getByRole('menu');
        await expect(list).toBeVisible();
        const box = await list.boundingBox();
        expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
        expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(size.height);
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(size.width);
        await save(`07-menu-${menu.name}`);
        await list.locator('.menu__item').filter({ hasText: menu.choice }).first().click();
        await expect(list).toBeHidden();
        const before = await isPaused();
        await page.keyboard.press('Space');
        await expect.poll(isPaused, { message: `Space after the ${menu.name} menu` }).toBe(!before);
        await page.keyboard.press('Space');
        await expect.poll(isPaused).toBe(before);
      }
      await expect(page.getByTestId('hud')).toBeVisible();
      const hud = await page.getByTestId('hud').boundingBox();
      expect((hud?.x ?? 0) + (hud?.width ?? 0)).toBeLessThanOrEqual(size.width);
      await save('08-readout');
      await page.keyboard.press('i');
      await expect(page.getByTestId('hud')).toBeHidden();

      // The keys, grouped by task; Esc closes them.
      await page.keyboard.press('?');
      const help = page.getByTestId('help');
      await expect(help.getByRole('region', { name: 'Subtitles' })).toBeVisible();
      await save('09-help');
      await page.keyboard.press('Escape');
      await expect(help).toBeHidden();

      // Settings: opaque, inside the window, closed by Esc, and the keys work again at once.
      await revealBars(page);
      await page.getByTestId('more-menu').click();
      await page.getByRole('menuitem', { name: 'Settings…' }).click();
      const settings = page.getByTestId('settings');
      await expect(settings).toBeVisible();
      await expect(settings).toHaveCSS('background-color', /^rgb\(/);
      await expectControlsFit(page, settings.locator('header'), 'settings header');
      const measure = settings.getByRole('button', { name: 'Measure again' });
      await measure.scrollIntoViewIfNeeded();
      const measureBox = await measure.boundingBox();
      const settingsBox = await settings.boundingBox();
      expect((measureBox?.x ?? 0) + (measureBox?.width ?? 0)).toBeLessThanOrEqual((settingsBox?.x ?? 0) + (settingsBox?.width ?? 0));
      // The folder and the program are chosen in the system's dialogs: the rows show them and their buttons fit.
      const files = settings.getByRole('region', { name: 'Files and programs' });
      await files.scrollIntoViewIfNeeded();
      await expect(files.getByTestId('path-Screenshot folder')).toHaveText('Pictures/Kirei');
      await expectControlsFit(page, files, 'files and programs');
      await save('10-settings-files');
      await settings.evaluate((element) => element.scrollTo({ top: 0 }));
      await save('10-settings');
      await page.keyboard.press('Escape');
      await expect(settings).toBeHidden();
      const pausedNow = await isPaused();
      await page.keyboard.press('Space');
      await expect.poll(isPaused, { message: 'Space after closing the settings' }).toBe(!pausedNow);

      // Left alone, the bars go away, paused or not, and the subtitles settle back down.
      await page.keyboard.press('Space');
      await page.mouse.move(size.width / 2, size.height / 3);
      await expect(page.locator('.player--idle')).toHaveCount(1, { timeout: 10_000 });
      await save('11-player-idle');
    });
  });
}

/** An episode of the library folder, playing until its first picture, then paused. */
async function openPaused(kirei: KireiHarness): Promise<Page> {
  const { page } = kirei;
  const library = await makeLibraryFolder(mediaCache, corpus);
  await kirei.open(library.episode);
  await expect.poll(() => presented(page), { timeout: 60_000 }).toBeGreaterThan(0.3);
  await page.keyboard.press('Space');
  await expect.poll(() => page.evaluate(() => document.querySelector('video')?.paused)).toBe(true);
  return page;
}

test.describe('a paused line', () => {
  // libass keeps a line where it first placed it; the bars' room must still move a line already shown.
  test('moves above the bars when they show and back down when they hide', async ({ kirei }) => {
    test.setTimeout(120_000);
    const page = await openPaused(kirei);
    const layer = page.getByTestId('subtitles');
    const bottomLine = async () => {
      const shown = await pictureShot(page);
      await page.keyboard.press('v');
      await expect(layer).toBeHidden();
      const hidden = await pictureShot(page);
      await page.keyboard.press('v');
      await expect(layer).toBeVisible();
      return changedBands(shown, hidden, 1).at(-1)?.bottom ?? Number.NaN;
    };
    // The line drawn with the bars away and the picture settled: nothing else will move it.
    await page.mouse.move(640, 300);
    await expect(page.locator('.player--idle')).toHaveCount(1, { timeout: 10_000 });
    await expect(layer).toHaveAttribute('data-room', '0 0');
    const low = await settled(bottomLine, (a, b) => a === b, 'the line settles with the bars away');
    await revealBars(page);
    await expect(layer).toHaveAttribute('data-room', /^\d+ [1-9]\d*$/);
    const seek = await page.locator('.controls .seek').boundingBox();
    await expect.poll(bottomLine, { message: 'the shown line rises above the seek bar', timeout: 20_000 }).toBeLessThanOrEqual(seek?.y ?? 0);
    await page.mouse.move(640, 300);
    await expect(page.locator('.player--idle')).toHaveCount(1, { timeout: 10_000 });
    await expect(layer).toHaveAttribute('data-room', '0 0');
    await expect.poll(bottomLine, { message: 'the line goes back down', timeout: 20_000 }).toBe(low);
  });
});

test.describe('a resize while paused', () => {
  test('keeps the subtitle on screen', async ({ kirei }) => {
    test.setTimeout(120_000);
    const page = await openPaused(kirei);
    await page.mouse.move(640, 300);
    await expect(page.locator('.player--idle')).toHaveCount(1, { timeout: 10_000 });
    await page.setViewportSize({ width: 900, height: 600 });
    // The picture and the subtitles drawn again at the new size.
    const shown = await settled(() => pictureShot(page), (a, b) => sameBytes(a.data, b.data), 'the picture settles at the new size');
    await page.keyboard.press('v');
    await expect(page.getByTestId('subtitles')).toBeHidden();
    const hidden = await pictureShot(page);
    // Both the sign and the line are still drawn at the new size.
    expect(changedBands(shown, hidden, 1).length).toBeGreaterThanOrEqual(2);
  });
});
