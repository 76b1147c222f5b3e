// npm run bench:quality — the quality table: for each corpus frame of at least 960×540, a 2×
// smaller version (2×2 area average) is upscaled back with every scaler, the classic algorithm
// and every Anime4K mode and tier (CPU reference, float32), and compared with the original
// (PSNR-Y and SSIM-Y, BT.709 luma, 4-pixel border left out); plus the exact pair Bird LR → HR.
// The viewer's mpv shader chains (ArtCNN, CuNNy, RAVU) are scored beside them as mpv renders them
// (ffmpeg's libplacebo filter on Mesa lavapipe): where CI compares Kirei's GPU output with that
// rendering (tests/e2e/userShaders.spec.ts, crops) they agree at 67–69 dB; the CPU reference cannot run GLSL.
// KIREI_QUALITY_CHAINS=none leaves them out (lavapipe takes minutes per full frame for the big ones).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { it } from 'vitest';
import type { UpscalePreset } from '../../../electron/common/upscaling';
import { anime4kModes, presetLabel, scalerKinds, scalerLabels } from '../../../electron/common/upscaling';
import type { NetworkDescription, NetworkId } from '../../../renderer/upscale/networks';
import { classicPasses } from '../../../renderer/upscale/passes';
import { planPasses } from '../../../renderer/upscale/planner';
import { assemble, classicDefaults, resolveChain, tiersOf } from '../../../renderer/upscale/presets';
import type { FloatImage } from '../../../renderer/upscale/reference/image';
import { halve } from '../../../renderer/upscale/reference/image';
import { kernelResize } from '../../../renderer/upscale/reference/programs';
import { runPlanOnCpu } from '../../../renderer/upscale/reference/runPlan';
import { readImage, writePng } from '../../support/images';
import { psnrY, ssimY } from '../../support/metrics';

const root = path.resolve(import.meta.dirname, '../../..');
const corpus = path.resolve(root, '../shared/corpus/frames');
const networksFolder = path.join(root, 'build', 'generated', 'networks');
const only = process.env['KIREI_QUALITY_FRAMES']?.split(',');
const shaders = path.resolve(root, '../shared/corpus/mpv-shaders');
const renderScript = path.resolve(root, '../shared/tools/libplacebo-ref/render.sh');
const run = promisify(execFile);

/** The chains bench:gpu times, by name, as files of the corpus' mpv shaders folder. */
const chainFiles: Record<string, string[]> = {
  'ArtCNN C4F16': ['artcnn/ArtCNN_C4F16.glsl'],
  'ArtCNN C4F32': ['artcnn/ArtCNN_C4F32.glsl'],
  'CuNNy 4x16': ['cunny/CuNNy-4x16-SOFT.glsl'],
  'CuNNy fast': ['cunny/CuNNy-fast-SOFT.glsl'],
  'RAVU lite': ['ravu/ravu-lite-ar-r4.hook'],
};
const chainsWanted = process.env['KIREI_QUALITY_CHAINS'];
const chains = chainsWanted === 'none' ? [] : chainsWanted ? chainsWanted.split(',') : Object.keys(chainFiles);

/** A chain of mpv shader files upscaling `input` to the original's size, as mpv renders it (16-bit output). */
async function renderChain(chain: string, input: FloatImage, scale: number, folder: string): Promise<FloatImage> {
  const files = (chainFiles[chain] ?? []).map((file) => path.join(shaders, file));
  const inputFile = path.join(folder, 'input.png');
  const outputFile = path.join(folder, 'output.png');
  await writePng(inputFile, input);
  await run('bash', [renderScript, inputFile, outputFile, String(scale), ...files], { maxBuffer: 64 * 1024 * 1024 });
  return readImage(path.join(folder, 'output.rgb48.png'));
}

function network(id: NetworkId): NetworkDescription {
  return JSON.parse(readFileSync(path.join(networksFolder, `${id}.json`), 'utf8')) as NetworkDescription;
}

type Method = { label: string; run: (input: FloatImage, size: { width: number; height: number }) => FloatImage };

function methods(): Method[] {
  const list: Method[] = scalerKinds.map((kind) => ({ label: scalerLabels[kind], run: (input, size) => kernelResize(input, size, kind) }));
  list.push({
    label: 'Anime4K Classic',
    run: (input, size) => runPlanOnCpu(planPasses(classicPasses(classicDefaults), input, size), input),
  });
  const presets: UpscalePreset[] = [];
  for (const mode of anime4kModes) for (const tier of tiersOf(mode)) presets.push({ kind: 'cnn', mode, tier });
  for (const preset of presets) {
    if (preset.kind !== 'cnn') continue;
    const chain = resolveChain(preset.mode, preset.tier);
    const networks = new Map<NetworkId, NetworkDescription>();
    for (const step of chain.steps) if (typeof step !== 'string') networks.set(step.network, network(step.network));
    const passes = assemble(chain, networks);
    list.push({ label: presetLabel(preset), run: (input, size) => runPlanOnCpu(planPasses(passes, input, size), input) });
  }
  return list;
}

it('quality of every scaler and mode against the original', async () => {
  const frames = readdirSync(corpus)
    .filter((name) => /\.(png|jpg)$/.test(name) && !name.includes('Bird_LR') && !name.includes('JPEG-10'))
    .filter((name) => !only || only.some((part) => name.includes(part)));
  const columns: { name: string; original: FloatImage; input: FloatImage }[] = [];
  for (const name of frames) {
    const original = await readImage(path.join(corpus, name));
    if (original.width < 960 || original.height < 540) continue;
    columns.push({ name: name.replace(/\.(png|jpg)$/, ''), original, input: halve(original) });
  }
  const bird = { name: 'Bird LR→HR (exact pair)', original: await readImage(path.join(corpus, 'anime4k_Bird_HR.png')), input: await readImage(path.join(corpus, 'anime4k_Bird_LR.png')) };
  const all = [...columns, bird];

  const rows: { label: string; scores: { psnr: number; ssim: number }[] }[] = [];
  for (const method of methods()) {
    const started = Date.now();
    const scores = all.map(({ original, input }) => {
      const output = method.run(input, { width: original.width, height: original.height });
      return { psnr: psnrY(output, original), ssim: ssimY(output, original) };
    });
    rows.push({ label: method.label, scores });
    console.log(`${method.label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  const folder = mkdtempSync(path.join(os.tmpdir(), 'kirei-quality-'));
  try {
    for (const chain of chains) {
      const started = Date.now();
      const scores: { psnr: number; ssim: number }[] = [];
      for (const { original, input } of all) {
        const output = await renderChain(chain, input, original.width / input.width, folder);
        scores.push({ psnr: psnrY(output, original), ssim: ssimY(output, original) });
      }
      rows.push({ label: `${chain} (mpv shader file, as mpv renders it)`, scores });
      console.log(`${chain}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const header = ['method', ...all.map((column) => column.name), 'mean (2× protocol)'];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => {
      const protocol = row.scores.slice(0, columns.length);
      const cells = row.scores.map((score) => `${score.psnr.toFixed(2)} / ${score.ssim.toFixed(3)}`);
      return `| ${row.label} | ${cells.join(' | ')} | ${mean(protocol.map((score) => score.psnr)).toFixed(2)} / ${mean(protocol.map((score) => score.ssim)).toFixed(3)} |`;
    }),
  ];
  const table = lines.join('\n');
  console.log(`\nPSNR-Y (dB) / SSIM-Y against the original\n\n${table}`);
  writeFileSync(path.join(root, 'test-results', 'quality.md'), `${table}\n`);
});
