// The larger compute networks against libplacebo on a GPU (lab.html?heavy): SwiftShader's WebGPU
// loses its instance on them here. Served beside the page in heavy/: the shader files, a crop of a
// corpus frame (input.png) and libplacebo's renders of it, all made on the development machine
// (render.sh) and carried; nothing of them is in the repository.
import { run } from './labCore';

const checks = [
  { name: 'ArtCNN C4F32 (compute)', file: 'heavy/ArtCNN_C4F32.glsl', reference: 'heavy/artcnn-c4f32.png' },
  { name: 'CuNNy 4x16 (compute)', file: 'heavy/CuNNy-4x16-SOFT.glsl', reference: 'heavy/cunny-4x16.png' },
];

export async function heavyCheck(): Promise<unknown> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  const results = [];
  for (const { name, file, reference } of checks) {
    const result = await run({ backend: 'webgpu', halfPrecision: false, chain: { kind: 'shaders', files: [file] }, input: 'heavy/input.png', scale: 2, reference: false, compareWith: [reference] });
    const [compared] = result.compared;
    results.push({ name, renderer: result.renderer, passes: result.passes, failure: result.failure, psnrRgb: compared?.psnrRgb ?? null, within2: compared?.within2 ?? null, maximumLevels: compared?.maximumLevels ?? null });
  }
  return { adapter: adapter ? { description: adapter.info.description, vendor: adapter.info.vendor, fallback: adapter.info.isFallbackAdapter } : null, results };
}
