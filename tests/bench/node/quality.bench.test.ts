// npm run bench:quality — the quality table: for each corpus frame of at least 960×540, a 2×
// smaller version (2×2 area average) is upscaled back with every scaler, the classic algorithm
// and every Anime4K mode and tier (CPU reference, float32), and compared with the original
// (PSNR-Y and SSIM-Y, BT.709 luma, 4-pixel border left out); plus the exact pair Bird LR → HR.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
import { readImage } from '../../support/images';
import { psnrY, ssimY } from '../../support/metrics';

const root = path.resolve(import.meta.dirname, '../../..');
const corpus = path.resolve(root, '../shared/corpus/frames');
const networksFolder = path.join(root, 'build', 'generated', 'networks');
const only = process.env['KIREI_QUALITY_FRAMES']?.split(',');

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
