import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { Rgba8Image } from '../../support/images';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every visible control of a region lies inside the window and none covers another. */
export async function expectControlsFit(page: Page, region: Locator, what: string): Promise<Box[]> {
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const controls = region.locator('button, input, [role="slider"]');
  const boxes: { name: string; box: Box }[] = [];
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    const box = await control.boundingBox();
    if (!box || box.width === 0 || box.height === 0) continue;
    const name = (await control.getAttribute('aria-label')) ?? (await control.textContent()) ?? '?';
    boxes.push({ name, box });
    expect.soft(box.x, `${what}: "${name}" starts left of the window`).toBeGreaterThanOrEqual(0);
    expect.soft(box.y, `${what}: "${name}" starts above the window`).toBeGreaterThanOrEqual(0);
    expect.soft(box.x + box.width, `${what}: "${name}" runs past the right edge`).toBeLessThanOrEqual(viewport.width + 0.5);
    expect.soft(box.y + box.height, `${what}: "${name}" runs past the bottom`).toBeLessThanOrEqual(viewport.height + 0.5);
  }
  // Controls nested in one another (a slider in its group) are one control; siblings must not overlap.
  for (let first = 0; first < boxes.length; first++) {
    for (let second = first + 1; second < boxes.length; second++) {
      const a = boxes[first];
      const b = boxes[second];
      if (!a || !b) continue;
      const overlap = Math.min(a.box.x + a.box.width, b.box.x + b.box.width) - Math.max(a.box.x, b.box.x);
      const overlapY = Math.min(a.box.y + a.box.height, b.box.y + b.box.height) - Math.max(a.box.y, b.box.y);
      expect.soft(overlap > 1 && overlapY > 1, `${what}: "${a.name}" and "${b.name}" overlap`).toBe(false);
    }
  }
  expect(boxes.length, `${what}: no controls found`).toBeGreaterThan(0);
  return boxes.map((entry) => entry.box);
}

/**
 * Rows (CSS pixels) where two screenshots differ, grouped into bands separated by at least
 * `gap` unchanged rows: each band is one thing that was shown in one and not the other.
 */
export function changedBands(a: Rgba8Image, b: Rgba8Image, scale: number, gap = 12): { top: number; bottom: number; left: number; right: number }[] {
  const bands: { top: number; bottom: number; left: number; right: number }[] = [];
  let current: { top: number; bottom: number; left: number; right: number } | null = null;
  for (let y = 0; y < a.height; y++) {
    let left = Infinity;
    let right = -Infinity;
    for (let x = 0; x < a.width; x++) {
      const offset = (y * a.width + x) * 4;
      let most = 0;
      for (let channel = 0; channel < 3; channel++) most = Math.max(most, Math.abs((a.data[offset + channel] ?? 0) - (b.data[offset + channel] ?? 0)));
      if (most > 48) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
    if (right < 0) continue;
    if (current && y - current.bottom <= gap * scale) {
      current.bottom = y;
      current.left = Math.min(current.left, left);
      current.right = Math.max(current.right, right);
    } else {
      current = { top: y, bottom: y, left, right };
      bands.push(current);
    }
  }
  return bands.map((band) => ({ top: band.top / scale, bottom: (band.bottom + 1) / scale, left: band.left / scale, right: (band.right + 1) / scale }));
}
