import { anime4kModes } from '../../electron/common/upscaling';
import type { Anime4kMode, UpscaleTier } from '../../electron/common/upscaling';
import { networkIds } from '../../renderer/upscale/networks';
import { expect, test } from './harness/lab';

// Crops of real frames: line art, flat colour and texture, small enough for SwiftShader.
const frames = [
  { url: '/corpus/frames/anime4k_Fate_1080p_Corrected.png', crop: { x: 900, y: 380, width: 64, height: 48 } },
  { url: '/corpus/frames/anime4kmetal_original_1080p.png', crop: { x: 1100, y: 300, width: 48, height: 40 } },
];
/** 16-bit float storage between passes: the GPU may differ from float32 by this much. */
const tolerance = 2 / 255;

test.describe.configure({ mode: 'parallel' });

test('every CNN stage alone matches the CPU reference on crops of real frames', async ({ lab }) => {
  for (const id of networkIds) {
    for (const frame of frames) {
      const result = await lab.run({ chain: { kind: 'network', id }, input: frame.url, crop: frame.crop, scale: id.startsWith('upscale') ? 2 : 1, reference: true });
      expect(result.failure, id).toBeNull();
      expect(result.reference?.maximumError, `${id} on ${frame.url}`).toBeLessThanOrEqual(tolerance);
    }
  }
});

test('every mode, tier and the classic algorithm match the CPU reference at 2×, 1.5× and 3×', async ({ lab }) => {
  test.setTimeout(300_000);
  const presets: { label: string; chain: Parameters<typeof lab.run>[0]['chain'] }[] = [{ label: 'classic', chain: { kind: 'preset', preset: { kind: 'classic' } } }];
  for (const mode of anime4kModes) {
    const tiers = await lab.page.evaluate((name) => window.kireiLab.tiersOf(name), mode);
    for (const tier of tiers) presets.push({ label: `${mode} ${tier}`, chain: { kind: 'preset', preset: { kind: 'cnn', mode, tier } } });
  }
  const frame = frames[0] ?? { url: '', crop: { x: 0, y: 0, width: 0, height: 0 } };
  const small = { ...frame.crop, width: 40, height: 32 };
  for (const preset of presets) {
    for (const scale of [2, 1.5, 3]) {
      const result = await lab.run({ chain: preset.chain, input: frame.url, crop: scale === 2 ? frame.crop : small, scale, reference: true });
      expect(result.failure, preset.label).toBeNull();
      expect(result.passes, preset.label).toBeGreaterThan(0);
      expect(result.reference?.maximumError, `${preset.label} at ${scale}×`).toBeLessThanOrEqual(tolerance);
    }
  }
});

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

for (const { file, mode, tier } of official) {
  test(`Mode ${mode} ${tier} is faithful to the official Anime4K output (${file})`, async ({ lab }) => {
    test.setTimeout(180_000);
    const result = await lab.run({
      chain: { kind: 'preset', preset: { kind: 'cnn', mode, tier } },
      input: '/corpus/anime4k-official/Bird/input.png',
      scale: 2,
      reference: false,
      compareWith: [`/corpus/anime4k-official/Bird/${file}.png`],
    });
    const [comparison] = result.compared;
    console.log(`${file}: PSNR ${comparison?.psnrRgb.toFixed(2)} dB, ${((comparison?.within2 ?? 0) * 100).toFixed(3)} % within ±2 levels`);
    expect(comparison?.within2).toBeGreaterThanOrEqual(0.999);
    expect(comparison?.psnrRgb).toBeGreaterThanOrEqual(50);
  });
}

test('each CNN stage alone matches anime4k-webgpu’s same stage at ≥ 50 dB (WebGPU)', async ({ lab }) => {
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
