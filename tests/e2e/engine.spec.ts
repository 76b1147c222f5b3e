import { anime4kModes } from '../../electron/common/upscaling';
import type { Anime4kMode, UpscaleTier } from '../../electron/common/upscaling';
import { networkIds } from '../../renderer/upscale/networks';
import type { LabChain } from '../bench/page/labCore';
import { expect, test } from './harness/lab';

// Crops of real frames: line art, flat colour and texture, small enough for SwiftShader.
const frames = [
  { url: '/corpus/frames/anime4k_Fate_1080p_Corrected.png', crop: { x: 900, y: 380, width: 64, height: 48 } },
  { url: '/corpus/frames/anime4kmetal_original_1080p.png', crop: { x: 1100, y: 300, width: 48, height: 40 } },
];
/** 16-bit float storage between passes: the GPU may differ from the float32 reference by this much. */
const tolerance = 2 / 255;

/** The official outputs the package's weights can reproduce (the others need S or Denoise M weights). */
const official: { file: string; mode: Anime4kMode; tier: UpscaleTier }[] = [
  { file: 'A_HQ', mode: 'A', tier: 'hq' },
  { file: 'B_HQ', mode: 'B', tier: 'hq' },
  { file: 'C_HQ', mode: 'C', tier: 'hq' },
  { file: 'AA_HQ', mode: 'A+A', tier: 'hq' },
  { file: 'BB_HQ', mode: 'B+B', tier: 'hq' },
  { file: 'CA_HQ', mode: 'C+A', tier: 'hq' },
  { file: 'A_Fast', mode: 'A', tier: 'fast' },
  { file: 'B_Fast', mode: 'B', tier: 'fast' },
];

test.describe.configure({ mode: 'parallel' });

for (const backend of ['webgl2', 'webgpu'] as const) {
  test.describe(backend, () => {
    test.beforeEach(async ({ lab }) => {
      if (backend !== 'webgpu') return;
      const adapter = await lab.page.evaluate(async () => (await navigator.gpu?.requestAdapter()) != null);
      test.skip(!adapter, 'this browser has no WebGPU adapter');
    });

    test('every CNN stage alone matches the CPU reference on crops of real frames', async ({ lab }) => {
      // A ceiling that follows the work: each network on each crop takes a few seconds on SwiftShader.
      test.setTimeout(networkIds.length * frames.length * 15_000);
      for (const id of networkIds) {
        for (const frame of frames) {
          const scale = id.startsWith('upscale') ? 2 : 1;
          const result = await lab.run({ backend, chain: { kind: 'network', id }, input: frame.url, crop: frame.crop, scale, reference: true });
          expect(result.failure, id).toBeNull();
          expect(result.reference?.maximumError, `${id} on ${frame.url}`).toBeLessThanOrEqual(tolerance);
        }
      }
    });

    test('every mode and tier matches the CPU reference at 2×, 1.5× and 3×', async ({ lab }) => {
      test.setTimeout(300_000);
      const chains: { label: string; chain: LabChain }[] = [];
      for (const mode of anime4kModes) {
        const tiers = await lab.page.evaluate((name) => window.kireiLab.tiersOf(name), mode);
        for (const tier of tiers) chains.push({ label: `${mode} ${tier}`, chain: { kind: 'preset', preset: { kind: 'cnn', mode, tier } } });
      }
      const [frame] = frames;
      if (!frame) return;
      // SwiftShader's WebGPU is the slowest backend here; smaller crops keep CI quick.
      const crop = backend === 'webgpu' ? { ...frame.crop, width: 40, height: 32 } : frame.crop;
      const small = { ...frame.crop, width: backend === 'webgpu' ? 24 : 40, height: backend === 'webgpu' ? 20 : 32 };
      for (const { label, chain } of chains) {
        for (const scale of [2, 1.5, 3]) {
          const result = await lab.run({ backend, chain, input: frame.url, crop: scale === 2 ? crop : small, scale, reference: true });
          expect(result.failure, label).toBeNull();
          expect(result.passes, label).toBeGreaterThan(0);
          expect(result.reference?.maximumError, `${label} at ${scale}×`).toBeLessThanOrEqual(tolerance);
        }
      }
    });

    test('the classic algorithm agrees with the CPU reference', async ({ lab }) => {
      // Its pushes are yes/no decisions; a near-tie may fall the other way on another GPU, so
      // this asks for nearly every pixel within tolerance rather than all of them.
      for (const frame of frames) {
        for (const scale of [2, 1.5]) {
          const result = await lab.run({ backend, chain: { kind: 'preset', preset: { kind: 'classic' } }, input: frame.url, crop: frame.crop, scale, reference: true });
          expect(result.failure).toBeNull();
          expect(result.reference?.withinTolerance, `${frame.url} at ${scale}×`).toBeGreaterThanOrEqual(0.995);
        }
      }
    });

    test('every mode the weights allow is faithful to the official Anime4K output', async ({ lab }) => {
      // One page for all modes: networks shared between modes are compiled once.
      test.setTimeout(600_000);
      for (const { file, mode, tier } of official) {
        const result = await lab.run({
          backend,
          chain: { kind: 'preset', preset: { kind: 'cnn', mode, tier } },
          input: '/corpus/anime4k-official/Bird/input.png',
          scale: 2,
          reference: false,
          compareWith: [`/corpus/anime4k-official/Bird/${file}.png`],
        });
        const [comparison] = result.compared;
        console.log(`${backend} ${file}: PSNR ${comparison?.psnrRgb.toFixed(2)} dB, ${((comparison?.within2 ?? 0) * 100).toFixed(3)} % within ±2 levels`);
        expect.soft(comparison?.within2, file).toBeGreaterThanOrEqual(0.999);
        expect.soft(comparison?.psnrRgb, file).toBeGreaterThanOrEqual(50);
      }
    });
  });
}

test('each CNN stage alone matches anime4k-webgpu’s same stage at ≥ 50 dB', async ({ lab }) => {
  test.setTimeout(300_000);
  const hasWebGpu = await lab.page.evaluate(async () => (await navigator.gpu?.requestAdapter()) != null);
  test.skip(!hasWebGpu, 'this browser has no WebGPU adapter');
  for (const id of networkIds) {
    const result = await lab.page.evaluate(
      ([network]) => window.kireiLab.comparePeerStage(network, '/corpus/frames/anime4k_Bird_LR.png', { x: 100, y: 60, width: 96, height: 72 }),
      [id] as const,
    );
    console.log(`${id}: ${result.psnrRgb.toFixed(1)} dB against anime4k-webgpu (${result.psnrRgbWithBorder.toFixed(1)} dB with the border)`);
    expect(result.psnrRgb, id).toBeGreaterThanOrEqual(50);
  }
});
