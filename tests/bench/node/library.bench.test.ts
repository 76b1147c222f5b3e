import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { it } from 'vitest';
import { buildCatalogue } from '../../../electron/node/library/catalogue';
import { fileId } from '../../../electron/node/library/library';
import type { ScannedFile } from '../../../electron/node/library/scanner';
import { scanFolder } from '../../../electron/node/library/scanner';

const seriesCount = 400;
const episodesPerSeries = 25;
const groups = ['SubsPlease', 'Erai-raws', 'ASW', 'EMBER', 'Judas'];

function catalogueOf(root: string, files: ScannedFile[]) {
  return buildCatalogue({ roots: [root], files, progress: () => undefined, idOf: fileId, thumbnailUrl: () => null });
}

it(`library: ${seriesCount * episodesPerSeries} episode files in ${seriesCount} series`, async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kirei-library-bench-'));
  for (let series = 0; series < seriesCount; series++) {
    const title = `Generated Show ${series} no Monogatari`;
    const folder = path.join(root, title, series % 3 === 0 ? 'Season 2' : '');
    await mkdir(folder, { recursive: true });
    await Promise.all(
      Array.from({ length: episodesPerSeries }, (_, index) =>
        writeFile(path.join(folder, `[${groups[series % groups.length]}] ${title} - ${String(index + 1).padStart(2, '0')} (1080p) [${(series * 100 + index).toString(16).toUpperCase().padStart(8, '0')}].mkv`), ''),
      ),
    );
  }
  const before = process.memoryUsage();
  let start = performance.now();
  const cold = await scanFolder(root);
  const coldScanMs = performance.now() - start;
  start = performance.now();
  const catalogue = catalogueOf(root, cold.files);
  const coldCatalogueMs = performance.now() - start;
  const known = new Map(cold.files.map((file) => [file.path, file]));
  start = performance.now();
  const again = await scanFolder(root, known);
  // A rebuild after a rescan: parses are cached, grouping and ordering run again.
  catalogueOf(root, again.files);
  const rescanMs = performance.now() - start;
  const after = process.memoryUsage();
  const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
  console.log(
    [
      `| measure | result | target |`,
      `|---|---:|---:|`,
      `| files found | ${cold.files.length} in ${catalogue.series.length} series | 10,000 in 400 |`,
      `| cold scan + parse + group | ${(coldScanMs + coldCatalogueMs).toFixed(0)} ms (scan ${coldScanMs.toFixed(0)}, catalogue ${coldCatalogueMs.toFixed(0)}) | ≤ 2000 ms |`,
      `| rescan, no changes | ${rescanMs.toFixed(0)} ms | ≤ 500 ms |`,
      `| main-process memory (rss / heap used) | ${megabytes(after.rss)} / ${megabytes(after.heapUsed)} (heap +${megabytes(after.heapUsed - before.heapUsed)}) | printed |`,
    ].join('\n'),
  );
  await rm(root, { recursive: true, force: true });
});
