import path from 'node:path';
import { defineConfig } from 'vite';

/**
 * The benchmark and lab pages: static, self-contained (no network), built into dist-bench/.
 * index.html times the pipelines on a GPU; lab.html runs them for the correctness tests;
 * subtitles.html draws scripts with the player's subtitle layer for comparison with libass's renders;
 * playback.html plays clips through the player's frame loop and stage (bench:playback).
 */
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: './',
  build: {
    outDir: path.resolve(import.meta.dirname, '../../../dist-bench'),
    emptyOutDir: true,
    target: 'chrome130',
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        index: path.resolve(import.meta.dirname, 'index.html'),
        lab: path.resolve(import.meta.dirname, 'lab.html'),
        subtitles: path.resolve(import.meta.dirname, 'subtitles.html'),
        playback: path.resolve(import.meta.dirname, 'playback.html'),
      },
    },
  },
});
