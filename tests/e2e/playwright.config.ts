import { defineConfig } from '@playwright/test';

/**
 * Browser tests run the built renderer in the system's Chromium (the engine Electron embeds);
 * Playwright never downloads a browser of its own. Without a GPU, WebGL2 and WebGPU run on
 * SwiftShader: correct, slow.
 */
const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * The files that keep the software GPU busy for minutes (networks on 720p–1080p canvases). Two of
 * them side by side on a 2-core machine each ran at half speed while their videos played on in
 * real time, and their waits ran out; they take turns, while the lighter files run beside them.
 */
const heavyOnTheGpu = ['engine', 'layout', 'presets', 'repeats', 'shaderChains', 'upscaling', 'userShaders'].map((name) => `**/${name}.spec.ts`);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../../test-results/e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  projects: [
    { name: 'gpu', testMatch: heavyOnTheGpu, workers: 1 },
    { name: 'page', testIgnore: heavyOnTheGpu },
  ],
  use: {
    viewport: { width: 1280, height: 720 },
    deviceScaleFactor: 1,
    launchOptions: {
      executablePath: process.env['KIREI_CHROMIUM'] ?? '/usr/bin/chromium',
      args: [
        ...(runningAsRoot ? ['--no-sandbox'] : []),
        '--autoplay-policy=no-user-gesture-required',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--ignore-gpu-blocklist',
        '--enable-unsafe-webgpu',
        '--enable-features=Vulkan,WebGPU',
        // As the app's window asks for it: HTMLMediaElement.audioTracks.
        '--enable-blink-features=AudioVideoTracks',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-background-timer-throttling',
        '--disable-renderer-backgrounding',
      ],
    },
  },
});
