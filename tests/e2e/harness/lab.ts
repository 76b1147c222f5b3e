import type { Page } from '@playwright/test';
import { test as base } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { LabRequest, LabResult } from '../../bench/page/labCore';
import { corpus, repositoryRoot } from './fixtures';
import { startStaticServer } from './staticServer';

export interface Lab {
  page: Page;
  run(request: LabRequest): Promise<LabResult>;
}

/** Pictures a test makes while it runs (inputs, references rendered by libplacebo), served at /generated/. */
export const generatedFolder = path.join(repositoryRoot, 'test-results', 'generated');

/** The pipeline lab page (dist-bench/lab.html) with the corpus served beside it at /corpus/. */
export const test = base.extend<{ lab: Lab }>({
  lab: async ({ page }, use) => {
    await mkdir(generatedFolder, { recursive: true });
    const server = await startStaticServer({ '/corpus/': corpus, '/generated/': generatedFolder, '/': path.join(repositoryRoot, 'dist-bench') });
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
