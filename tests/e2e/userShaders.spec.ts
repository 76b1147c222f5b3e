import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { corpus, repositoryRoot } from './harness/fixtures';
import { offsetPairs, offsetReader } from '../bench/page/offsetShaders';
import type { Lab } from './harness/lab';
import { expect, generatedFolder, test } from './harness/lab';

const run = promisify(execFile);
/** mpv's renderer (ffmpeg's libplacebo filter on a Vulkan device: lavapipe here) as the oracle. */
const libplacebo = path.resolve(repositoryRoot, '../shared/tools/libplacebo-ref/render.sh');
const shaders = path.join(corpus, 'mpv-shaders');

/** A crop of a corpus frame, and libplacebo's render of it through the shader files, both served at /generated/. */
async function reference(name: string, frame: string, crop: { x: number; y: number; width: number; height: number }, scale: number, files: string[]) {
  const folder = path.join(generatedFolder, 'user-shaders');
  await mkdir(folder, { recursive: true });
  const input = path.join(folder, `${name}-input.png`);
  const output = path.join(folder, `${name}-libplacebo.png`);
  await run('ffmpeg', ['-v', 'error', '-y', '-i', path.join(corpus, 'frames', frame), '-vf', `crop=${crop.width}:${crop.height}:${crop.x}:${crop.y}`, input]);
  await run('bash', [libplacebo, input, output, String(scale), ...files.map((file) => path.resolve(shaders, file))], { timeout: 240_000 });
  return { input: `/generated/user-shaders/${name}-input.png`, libplacebo: `/generated/user-shaders/${name}-libplacebo.png` };
}

const crop = { x: 900, y: 380, width: 96, height: 72 };


/** The page's WebGPU adapter (null: none), and whether it is a software fallback (SwiftShader). */
function webGpuAdapter(lab: Lab): Promise<{ fallback: boolean } | null> {
  return lab.page.evaluate(async () => {
    const found = await navigator.gpu?.requestAdapter();
    return found ? { fallback: found.info.isFallbackAdapter } : null;
  });
}

/** Anime4K's own mpv setup (its GLSL instructions): the files of each mode, in the order mpv runs them. */
const upscale = (file: string) => `anime4k/Upscale/Anime4K_${file}.glsl`;
const restore = (file: string) => `anime4k/Restore/Anime4K_${file}.glsl`;
const downscale = [upscale('AutoDownscalePre_x2'), upscale('AutoDownscalePre_x4')];
const modes: Record<string, string[]> = {
  'Mode A (HQ)': [restore('Clamp_Highlights'), restore('Restore_CNN_VL'), upscale('Upscale_CNN_x2_VL'), ...downscale, upscale('Upscale_CNN_x2_M')],
  'Mode B (HQ)': [restore('Clamp_Highlights'), restore('Restore_CNN_Soft_VL'), upscale('Upscale_CNN_x2_VL'), ...downscale, upscale('Upscale_CNN_x2_M')],
  'Mode C (HQ)': [restore('Clamp_Highlights'), 'anime4k/Upscale+Denoise/Anime4K_Upscale_Denoise_CNN_x2_VL.glsl', ...downscale, upscale('Upscale_CNN_x2_M')],
  'Mode A (Fast)': [restore('Clamp_Highlights'), restore('Restore_CNN_M'), upscale('Upscale_CNN_x2_M'), ...downscale, upscale('Upscale_CNN_x2_S')],
  'Mode B (Fast)': [restore('Clamp_Highlights'), restore('Restore_CNN_Soft_M'), upscale('Upscale_CNN_x2_M'), ...downscale, upscale('Upscale_CNN_x2_S')],
  'Mode C (Fast)': [restore('Clamp_Highlights'), 'anime4k/Upscale+Denoise/Anime4K_Upscale_Denoise_CNN_x2_M.glsl', ...downscale, upscale('Upscale_CNN_x2_S')],
};

test.describe.configure({ mode: 'parallel' });

test.describe('mpv shader files against libplacebo', () => {
  const cases: { name: string; files: string[]; scale: number; compute?: boolean; slow?: boolean }[] = [
    ...Object.entries(modes).map(([name, files]) => ({ name, files, scale: 2 })),
    // Not a whole multiple: the chain doubles, AutoDownscalePre brings it to the output, conditions decide per size.
    { name: 'Mode A (HQ)', files: modes['Mode A (HQ)'] ?? [], scale: 1.5 },
    { name: 'Mode C (Fast)', files: modes['Mode C (Fast)'] ?? [], scale: 1.5 },
    // After the scaler: the picture at the output size, and PREKERNEL still bound.
    { name: 'adaptive-sharpen (OUTPUT)', files: ['other/adaptive-sharpen.glsl'], scale: 2 },
    { name: 'SSimSuperRes (POSTKERNEL)', files: ['other/SSimSuperRes.glsl'], scale: 2 },
    { name: 'Mode A (Fast) then adaptive-sharpen', files: [...(modes['Mode A (Fast)'] ?? []), 'other/adaptive-sharpen.glsl'], scale: 1.5 },
    // LUMA made from the RGB picture, doubled with a look-up texture, merged back with the chroma.
    { name: 'RAVU lite (LUMA, look-up texture)', files: ['ravu/ravu-lite-ar-r4.hook'], scale: 2 },
    // Compute passes: WebGPU only (WebGL2 has no compute shaders).
    { name: 'ArtCNN C4F16 (compute)', files: ['artcnn/ArtCNN_C4F16.glsl'], scale: 2, compute: true },
    { name: 'CuNNy fast (compute)', files: ['cunny/CuNNy-fast-SOFT.glsl'], scale: 2, compute: true },
    { name: 'RAVU lite (compute)', files: ['ravu/compute/ravu-lite-ar-r4.hook'], scale: 2, compute: true },
    // The larger networks: SwiftShader's WebGPU loses its instance on them, so they run where the
    // adapter is a GPU (checked on the H200 through lab.html?heavy: tests/bench/results/h200-heavy-shaders.json).
    { name: 'ArtCNN C4F32 (compute)', files: ['artcnn/ArtCNN_C4F32.glsl'], scale: 2, compute: true, slow: true },
    { name: 'CuNNy 4x16 (compute)', files: ['cunny/CuNNy-4x16-SOFT.glsl'], scale: 2, compute: true, slow: true },
  ];
  for (const backend of ['webgl2', 'webgpu'] as const) {
    for (const { name, files, scale, compute, slow } of cases) {
      if (compute && backend === 'webgl2') continue;
      test(`${backend}: ${name} at ${scale}×`, async ({ lab }) => {
        test.setTimeout(240_000);
        if (backend === 'webgpu') {
          const adapter = await webGpuAdapter(lab);
          test.skip(adapter === null, 'this browser has no WebGPU adapter');
          test.skip(slow === true && adapter?.fallback === true, 'SwiftShader’s WebGPU loses its instance on this network; it runs on a GPU');
        }
        const made = await reference(`${name.replace(/\W+/g, '-')}-${scale}x`, 'anime4k_Fate_1080p_Corrected.png', crop, scale, files);
        const result = await lab.run({
          backend,
          chain: { kind: 'shaders', files: files.map((file) => `/corpus/mpv-shaders/${file}`) },
          input: made.input,
          scale,
          reference: false,
          compareWith: [made.libplacebo],
        });
        expect(result.failure).toBeNull();
        const [comparison] = result.compared;
        console.log(`${backend} ${name} at ${scale}× on ${result.renderer}: ${result.passes} passes, PSNR ${comparison?.psnrRgb.toFixed(2)} dB, ${((comparison?.within2 ?? 0) * 100).toFixed(3)} % within ±2 levels of libplacebo`);
        expect(comparison?.psnrRgb).toBeGreaterThanOrEqual(45);
        expect(comparison?.within2).toBeGreaterThanOrEqual(0.99);
      });
    }
  }

  // The stages around MAIN. Kirei's source is RGB, so its RGB hooks fire on the decoded picture;
  // libplacebo's here gets Y'CbCr, where they never fire, so the reference runs that pass at MAIN,
  // where libplacebo's picture is the same RGB. NATIVE is Y'CbCr there and RGB here: the pass on
  // it is a linear resampling, which gives the same picture either way. (libplacebo's RGB from
  // Y'CbCr runs a little past 0 and 1, so the passes clamp what they bend.)
  const stageFiles: Record<string, string> = {
    'rgb-invert.glsl': '//!HOOK RGB\n//!BIND HOOKED\nvec4 hook() { return vec4(1.0 - clamp(HOOKED_tex(HOOKED_pos).rgb, 0.0, 1.0), 1.0); }\n',
    'main-invert.glsl': '//!HOOK MAIN\n//!BIND HOOKED\nvec4 hook() { return vec4(1.0 - clamp(HOOKED_tex(HOOKED_pos).rgb, 0.0, 1.0), 1.0); }\n',
    'native-double.glsl': '//!HOOK NATIVE\n//!BIND HOOKED\n//!WIDTH HOOKED.w 2 *\n//!HEIGHT HOOKED.h 2 *\nvec4 hook() { return HOOKED_tex(HOOKED_pos + vec2(0.3, -0.2) * HOOKED_pt); }\n',
    'mainpresub-curve.glsl': '//!HOOK MAINPRESUB\n//!BIND HOOKED\nvec4 hook() { vec4 c = HOOKED_tex(HOOKED_pos); return vec4(pow(clamp(c.rgb, 0.0, 1.0), vec3(1.4)), c.a); }\n',
    'preoutput-blur.glsl':
      '//!HOOK PREOUTPUT\n//!BIND HOOKED\nvec4 hook() { vec4 s = vec4(0.0); for (int y = -1; y <= 1; y++) for (int x = -1; x <= 1; x++) s += HOOKED_texOff(vec2(x, y)); return s / 9.0; }\n',
  };
  for (const backend of ['webgl2', 'webgpu'] as const) {
    test(`${backend}: RGB, NATIVE, MAINPRESUB and PREOUTPUT hooks run where mpv runs them`, async ({ lab }) => {
      test.setTimeout(240_000);
      if (backend === 'webgpu') {
        test.skip((await webGpuAdapter(lab)) === null, 'this browser has no WebGPU adapter');
      }
      const folder = path.join(generatedFolder, 'user-shaders');
      await mkdir(folder, { recursive: true });
      for (const [file, text] of Object.entries(stageFiles)) await writeFile(path.join(folder, file), text);
      const ours = ['rgb-invert.glsl', 'native-double.glsl', 'mainpresub-curve.glsl', 'preoutput-blur.glsl'];
      const theirs = ['main-invert.glsl', 'native-double.glsl', 'mainpresub-curve.glsl', 'preoutput-blur.glsl'];
      const made = await reference('stages', 'anime4k_Fate_1080p_Corrected.png', crop, 3, theirs.map((file) => path.join(folder, file)));
      const result = await lab.run({ backend, chain: { kind: 'shaders', files: ours.map((file) => `/generated/user-shaders/${file}`) }, input: made.input, scale: 3, reference: false, compareWith: [made.libplacebo] });
      expect(result.failure).toBeNull();
      const [comparison] = result.compared;
      console.log(`${backend} stages on ${result.renderer}: ${result.passes} passes, PSNR ${comparison?.psnrRgb.toFixed(2)} dB, ${((comparison?.within2 ?? 0) * 100).toFixed(2)} % within ±2 levels of libplacebo`);
      expect(comparison?.psnrRgb).toBeGreaterThanOrEqual(45);
      expect(comparison?.within2).toBeGreaterThanOrEqual(0.99);
    });
  }

  // GLSL that mpv's renderer (GLSL 4.50) takes and WebGL2's GLSL ES 3.00 or naga lack, each used
  // by files people keep: direct gathers (RAVU's and NNEDI3's gather variants), libplacebo's
  // linearize()/delinearize() (AMD CAS ports), 16-bit types (AnimeJaNai), a loop condition that
  // starts with a constructor (Anime4K's DTD), a switch of returns and a function that may run
  // off its end (nlmeans), a lookup under a branch that differs between pixels (NNEDI3), a global
  // initialised from the picture (colorlevels, nlmeans). Written here, against libplacebo. The gathers read a quarter texel off
  // the pixel's centre: at the centre itself the four texels a GPU picks depend on how it rounds
  // (lavapipe, interpolating the position, picks the row above on part of the picture).
  const beyondWebGl2 = [
    '//!HOOK MAIN',
    '//!BIND HOOKED',
    '//!DESC GLSL beyond WebGL2',
    '#extension GL_EXT_shader_explicit_arithmetic_types_float16 : enable',
    '#define V4 f16vec4',
    'vec2 mirror(vec2 p, int d) {',
    '  switch (d) {',
    '  case 0: return p;',
    '  case 1: return p * vec2(1, -1);',
    '  }',
    '}',
    'float weight(int i) {',
    '  if (i == 0) { return 0.4; }',
    '  if (i >= 1) { return 0.2; }',
    '}',
    // A global initialised from the picture, which GLSL ES refuses and naga would read as zero.
    'vec4 picture = HOOKED_tex(HOOKED_pos);',
    'vec4 hook() {',
    '  vec2 near = HOOKED_pos + 0.25 * HOOKED_pt;',
    '  vec4 around = textureGatherOffset(HOOKED_raw, near, ivec2(-1, 1), 1);',
    '  vec4 here = textureGather(HOOKED_raw, near, 2);',
    '  float green = 0.0;',
    '  for (int i = 0; float(i) < 4.0; i++) green += weight(i) * around[i];',
    '  V4 colour = V4(picture);',
    '  float red = linearize(vec4(colour)).r;',
    // A lookup under a branch that differs between neighbouring pixels, which WGSL refuses by default.
    '  if (HOOKED_pos.x > 0.5) red = 1.0 - linearize(HOOKED_texOff(vec2(1, 0))).r;',
    '  float blue = delinearize(vec4(0.25 * (here.x + here.y + here.z + here.w))).b;',
    // A scalar modulus of a vector (AnimeJaNai's pixel shuffle), which naga's reader refuses.
    '  ivec2 cell = ivec2(HOOKED_pos * HOOKED_size) % 2;',
    '  blue += 0.05 * float(cell.x + cell.y);',
    '  return vec4(clamp(vec3(red, green, blue + 0.1 * mirror(vec2(0.5), 1).y + 0.05), 0.0, 1.0), 1.0);',
    '}',
    '',
  ].join('\n');
  // Arithmetic as desktop GLSL allows it (integers where floats are meant: `2 * colour`, `/ 4`,
  // `float lift = 1;`), as unsharp-mask and nlmeans files write it. GLSL ES refuses it; WebGL2
  // then compiles the pass as naga writes it.
  const desktopArithmetic = [
    '//!HOOK MAIN',
    '//!BIND HOOKED',
    '//!DESC desktop GLSL arithmetic',
    '#define strength 1',
    'vec4 hook() {',
    '  vec4 c = HOOKED_texOff(0);',
    '  vec4 blur = (HOOKED_texOff(vec2(-1, 0)) + 2 * c + HOOKED_texOff(vec2(1, 0))) / 4;',
    '  float lift = 1;',
    '  return clamp(c + strength * (c - blur) * lift, 0.0, 1.0);',
    '}',
    '',
  ].join('\n');
  const written = [
    { title: 'gathers, linearize, 16-bit types and GLSL 4.50 control flow run as in mpv', name: 'beyond WebGL2', file: 'beyond-webgl2', text: beyondWebGl2, scale: 1 },
    { title: 'integers where floats are meant, as desktop GLSL allows', name: 'desktop arithmetic', file: 'desktop-arithmetic', text: desktopArithmetic, scale: 2 },
  ];
  for (const backend of ['webgl2', 'webgpu'] as const) {
    for (const { title, name, file, text, scale } of written) {
      test(`${backend}: ${title}`, async ({ lab }) => {
        test.setTimeout(240_000);
        if (backend === 'webgpu') {
          test.skip((await webGpuAdapter(lab)) === null, 'this browser has no WebGPU adapter');
        }
        const folder = path.join(generatedFolder, 'user-shaders');
        await mkdir(folder, { recursive: true });
        await writeFile(path.join(folder, `${file}.glsl`), text);
        const made = await reference(file, 'anime4k_Fate_1080p_Corrected.png', crop, scale, [path.join(folder, `${file}.glsl`)]);
        const result = await lab.run({ backend, chain: { kind: 'shaders', files: [`/generated/user-shaders/${file}.glsl`] }, input: made.input, scale, reference: false, compareWith: [made.libplacebo] });
        expect(result.failure).toBeNull();
        const [comparison] = result.compared;
        console.log(`${backend} ${name} on ${result.renderer}: PSNR ${comparison?.psnrRgb.toFixed(2)} dB, ${((comparison?.within2 ?? 0) * 100).toFixed(2)} % within ±2 levels of libplacebo`);
        expect(comparison?.psnrRgb).toBeGreaterThanOrEqual(45);
        expect(comparison?.within2).toBeGreaterThanOrEqual(0.99);
      });
    }
  }

  // Passes that leave their result shifted (//!OFFSET), as luma doublers do: mpv's scaler samples
  // the picture where it lies, so a shifted pass draws what its twin written unshifted draws. (The
  // libplacebo 4.208 in Debian's ffmpeg ignores OFFSET, so the reference is the unshifted twin.)
  // Through the stage as the player draws, since the scaler that undoes the shift is the final one.
  // The bar sits between right and wrong: about 68.7 dB with the shifts undone, 40.7 dB with the
  // picture's shift left out of the final scaler, 60.2 dB with chroma not lined up with luma.
  for (const backend of ['webgl2', 'webgpu'] as const) {
    test(`${backend}: a shifted result (//!OFFSET) is drawn where it belongs`, async ({ lab }) => {
      test.setTimeout(240_000);
      if (backend === 'webgpu') {
        const adapter = await webGpuAdapter(lab);
        test.skip(adapter === null, 'this browser has no WebGPU adapter');
        // SwiftShader's WebGPU cannot run the stage from a canvas here (its instance goes away); the
        // WebGPU presenter is checked on a GPU: lab.html?offset, results in tests/bench/results/.
        test.skip(adapter?.fallback === true, 'WebGPU here is SwiftShader, which cannot run the stage from a canvas; run on a GPU');
      }
      const folder = path.join(generatedFolder, 'user-shaders');
      await mkdir(folder, { recursive: true });
      for (const { file, shifted, unshifted } of offsetPairs) {
        await writeFile(path.join(folder, file), shifted);
        await writeFile(path.join(folder, `unshifted-${file}`), unshifted);
        const made = await reference(`offset-${file}`, 'anime4k_Fate_1080p_Corrected.png', crop, 2, [path.join(folder, `unshifted-${file}`)]);
        const request = { backend, files: [`/generated/user-shaders/${file}`], input: made.input, scale: 2, compareWith: [made.libplacebo], border: 4 };
        const result = await lab.page.evaluate((body) => window.kireiLab.stageShot(body), request);
        expect(result.failure).toBeNull();
        const psnr = result.compared[0]?.psnrRgb ?? 0;
        console.log(`${backend} ${file} on ${result.renderer}: PSNR ${psnr.toFixed(2)} dB against libplacebo's unshifted twin`);
        expect(psnr, file).toBeGreaterThanOrEqual(64);
      }
    });
  }

  // Grain shaders change their picture with mpv's `frame` counter and `random`: both must move
  // from one video frame to the next, as they do in mpv, or the grain stands still.
  for (const backend of ['webgl2', 'webgpu'] as const) {
    test(`${backend}: \`frame\` counts the video's frames and \`random\` changes with each`, async ({ lab }) => {
      if (backend === 'webgpu') {
        const adapter = await webGpuAdapter(lab);
        test.skip(adapter === null, 'this browser has no WebGPU adapter');
        test.skip(adapter?.fallback === true, 'WebGPU here is SwiftShader, which cannot run the stage from a canvas; run on a GPU');
      }
      const shader = '//!HOOK MAIN\n//!BIND HOOKED\n//!DESC frame and random\nvec4 hook() { return vec4(random, float(frame % 200) / 255.0, HOOKED_tex(HOOKED_pos).b, 1.0); }\n';
      const result = await lab.page.evaluate((body) => window.kireiLab.stageTimeline(body), { backend, shader, frames: 4 });
      expect(result.failure).toBeNull();
      const greens = result.colours.map((colour) => colour[1] ?? 0);
      const reds = result.colours.map((colour) => colour[0] ?? 0);
      console.log(`${backend} on ${result.renderer}: frame ${greens.join(', ')}; random ×255 ${reds.join(', ')}`);
      expect(greens.slice(1).map((green, index) => green - (greens[index] ?? 0))).toEqual([1, 1, 1]);
      expect(new Set(reds).size).toBeGreaterThanOrEqual(3);
      // The image itself still comes through.
      expect(result.colours.every((colour) => Math.abs((colour[2] ?? 0) - 128) <= 1)).toBe(true);
    });
  }

  // NAME_off is where a texture's picture starts in it: what //!OFFSET passes before left (libplacebo's rect.x0/y0).
  for (const backend of ['webgl2', 'webgpu'] as const) {
    test(`${backend}: NAME_off reads where //!OFFSET left the hooked picture`, async ({ lab }) => {
      if (backend === 'webgpu') {
        const adapter = await webGpuAdapter(lab);
        test.skip(adapter === null, 'this browser has no WebGPU adapter');
        test.skip(adapter?.fallback === true, 'WebGPU here is SwiftShader, which cannot run the stage from a canvas; run on a GPU');
      }
      const result = await lab.page.evaluate((body) => window.kireiLab.stageTimeline(body), { backend, shader: offsetReader, frames: 1 });
      expect(result.failure).toBeNull();
      const [red = 0, green = 0] = result.colours[0] ?? [];
      console.log(`${backend} on ${result.renderer}: MAIN_off ×255 = ${red}, ${green}`);
      expect(Math.abs(red - 0.5 * 255)).toBeLessThanOrEqual(1);
      expect(Math.abs(green - 0.25 * 255)).toBeLessThanOrEqual(1);
    });
  }

  test('webgl2: a compute pass is refused in words, naming WebGPU', async ({ lab }) => {
    const result = await lab.run({ backend: 'webgl2', chain: { kind: 'shaders', files: ['/corpus/mpv-shaders/artcnn/ArtCNN_C4F16.glsl'] }, input: '/corpus/frames/anime4k_Bird_LR.png', crop: { x: 0, y: 0, width: 32, height: 32 }, scale: 2, reference: false });
    expect(result.failure).toMatch(/ArtCNN_C4F16\.glsl: “ArtCNN C4F16 \(Conv2D\)” is a compute pass, which needs WebGPU/);
  });
});
