import type { Page } from '@playwright/test';
import { test as base } from '@playwright/test';
import path from 'node:path';
import type { LabRequest, LabResult } from '../../bench/page/labCore';
import { corpus, repositoryRoot } from './fixtures';
import { startStaticServer } from './staticServer';

export interface Lab {
  page: Page;
  run(request: LabRequest): Promise<LabResult>;
}

/** The pipeline lab page (dist-bench/lab.html) with the corpus served beside it at /corpus/. */
export const test = base.extend<{ lab: Lab }>({
  lab: async ({ page }, use) => {
    const server = await startStaticServer({ '/corpus/': corpus, '/': path.join(repositoryRoot, 'dist-bench') });
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[lab] ${message.text()}`);
    });
    await page.goto(`${server.origin}/lab.html`);
    await page.waitForFunction(() => document.title === 'lab ready');
    await use({ page, run: (request) => page.evaluate((body) => window.kireiLab.run(body), request) });
    await server.close();
  },
});

export { expect } from '@playwright/test';
