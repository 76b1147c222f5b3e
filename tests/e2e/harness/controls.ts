import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * Shows the player's bars as a viewer does, by moving the pointer onto them; resting there keeps
 * them shown (a hidden bar lets clicks through to the picture).
 */
export async function revealBars(page: Page, target = page.getByTestId('controls')): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.mouse.move(viewport.width / 2, viewport.height / 2);
  const box = await target.boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height - 4);
  await expect(page.locator('.player--idle')).toHaveCount(0);
}

/** The choices a menu of the player's bar offers, as a viewer reads them; the menu is closed again. */
export async function menuChoices(page: Page, menu: string): Promise<string[]> {
  await revealBars(page);
  await page.getByTestId(menu).click();
  const list = page.getByRole('menu');
  await expect(list).toBeVisible();
  const names = await list.getByRole('menuitemradio').evaluateAll((items) => items.map((item) => item.querySelector('.menu__main')?.textContent ?? ''));
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  return names;
}

/** Picks a choice from a menu of the player's bar by its label, as a viewer does with the mouse. */
export async function chooseFromMenu(page: Page, menu: string, choice: string | RegExp, submenu?: string): Promise<void> {
  await revealBars(page);
  await page.getByTestId(menu).click();
  if (submenu) await page.getByRole('menuitem', { name: submenu }).click();
  const label = page.locator('.menu__main').getByText(choice, { exact: true });
  await page.getByRole('menu').last().locator('.menu__item').filter({ has: label }).first().click();
  await expect(page.getByRole('menu')).toHaveCount(0);
}

/** The checked choice of a menu; the menu is closed again. */
export async function menuChoice(page: Page, menu: string): Promise<string> {
  await revealBars(page);
  await page.getByTestId(menu).click();
  const checked = page.getByRole('menu').getByRole('menuitemradio', { checked: true });
  const name = (await checked.first().locator('.menu__main').textContent()) ?? '';
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  return name;
}

/** Opens the settings sheet from the player's More menu, or from the library's bar. */
export async function openSettings(page: Page): Promise<void> {
  const more = page.getByTestId('more-menu');
  if ((await more.count()) > 0) {
    await revealBars(page);
    await more.click();
    await page.getByRole('menuitem', { name: 'Settings…' }).click();
  } else {
    await page.getByRole('button', { name: 'Settings' }).click();
  }
  await expect(page.getByTestId('settings')).toBeVisible();
}
