import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Copies the official Anime4K outputs of the Bird frame into the page folder (a build output,
 * never committed), so the benchmark page can check faithfulness on the GPU it runs on.
 */
export function prepareCorpus(pageFolder, corpus = path.resolve('..', 'shared', 'corpus')) {
  const source = path.join(corpus, 'anime4k-official', 'Bird');
  if (!existsSync(source)) return false;
  const target = path.join(pageFolder, 'corpus', 'anime4k-official', 'Bird');
  mkdirSync(target, { recursive: true });
  for (const name of ['input', 'A_HQ', 'B_HQ', 'C_HQ', 'AA_HQ', 'BB_HQ', 'CA_HQ', 'A_Fast', 'B_Fast']) {
    copyFileSync(path.join(source, `${name}.png`), path.join(target, `${name}.png`));
  }
  // The mpv shader files the benchmark times as user chains (bench.ts names them).
  for (const file of ['artcnn/ArtCNN_C4F16.glsl', 'artcnn/ArtCNN_C4F32.glsl', 'cunny/CuNNy-4x16-SOFT.glsl', 'cunny/CuNNy-fast-SOFT.glsl', 'ravu/ravu-lite-ar-r4.hook', 'ravu/compute/ravu-lite-ar-r4.hook']) {
    const from = path.join(corpus, 'mpv-shaders', file);
    if (!existsSync(from)) continue;
    mkdirSync(path.dirname(path.join(pageFolder, 'corpus', 'mpv-shaders', file)), { recursive: true });
    copyFileSync(from, path.join(pageFolder, 'corpus', 'mpv-shaders', file));
  }
  mkdirSync(path.join(pageFolder, 'corpus', 'frames'), { recursive: true });
  copyFileSync(path.join(source, 'input.png'), path.join(pageFolder, 'corpus', 'frames', 'input.png'));
  return true;
}

// Markdown table of a bench:gpu result, with ratios to anime4k-webgpu measured in the same run.
const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

export function formatTable(result) {
  const rows = result.rows ?? [];
  const peer = (input, mode) => rows.find((row) => row.backend === 'anime4k-webgpu' && row.input === input && row.preset.endsWith(`Mode${mode}`));
  const lines = [
    `WebGL2: ${result.info?.webgl2Renderer ?? '—'} (timing: ${result.info?.webgl2Timing ?? '—'})`,
    `WebGPU: ${result.info?.webgpuAdapter?.description ?? result.info?.webgpuAdapter?.vendor ?? '—'}`,
    '',
    '| backend | preset | input → output | median ms | p99 ms | GMAC/s | vs anime4k-webgpu |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const mode = /Mode (A|B|C) ·/.exec(row.preset)?.[1];
    const reference = mode && row.backend !== 'anime4k-webgpu' ? peer(row.input, mode) : undefined;
    const ratio = reference ? `${fixed(reference.medianMs / row.medianMs)}× (${fixed(reference.medianMs)} ms)` : '';
    lines.push(
      `| ${row.backend} | ${row.preset} | ${row.input} → ${row.output} | ${fixed(row.medianMs, 3)} | ${fixed(row.p99Ms, 3)} | ${row.gmacPerSecond ? fixed(row.gmacPerSecond, 0) : ''} | ${ratio} |`,
    );
  }
  if (result.info?.error) lines.push('', `Error: ${result.info.error}`);
  return lines.join('\n');
}
