// The folder table of the design notes, as data for the import-boundaries rule.
const common = 'electron/common';
const nodeBuiltins = 'node:*';

export const zones = [
  { folder: 'electron/common', allow: [common], packages: ['zod'] },
  { folder: 'electron/node', allow: [common, 'electron/node'], forbidPackages: ['electron'] },
  { folder: 'electron/main', allow: [common, 'electron/node', 'electron/main'] },
  { folder: 'electron/preload', allow: [common, 'electron/preload'], packages: ['electron'] },
  // React only: the player core is reached through its facades, never the stage, the GPU or the decoder directly.
  {
    folder: 'renderer/app',
    allow: [common, 'renderer/app', 'renderer/player', 'renderer/store', 'renderer/input'],
    forbidPackages: ['electron', nodeBuiltins],
  },
  // The player core runs without React, so its parts are tested as plain objects.
  {
    folder: 'renderer/player',
    allow: [common, 'renderer/player', 'renderer/store', 'renderer/video', 'renderer/upscale', 'renderer/subtitles', 'renderer/input'],
    forbidPackages: ['electron', nodeBuiltins, 'react', 'react-dom', 'react-dom/*', '@radix-ui/*', 'zustand'],
  },
  { folder: 'renderer/store', allow: [common, 'renderer/store'], packages: ['zustand'] },
  { folder: 'renderer/video', allow: [common, 'renderer/video'], packages: [] },
  { folder: 'renderer/gpu', allow: ['renderer/gpu', 'shaders'], packages: [] },
  // Neither backend imports the other; what both need lives beside them.
  { folder: 'renderer/gpu/webgl2', allow: ['renderer/gpu', 'shaders'], forbid: ['renderer/gpu/webgpu'], packages: [] },
  { folder: 'renderer/gpu/webgpu', allow: ['renderer/gpu', 'shaders'], forbid: ['renderer/gpu/webgl2'], packages: [] },
  {
    folder: 'renderer/upscale',
    allow: [common, 'renderer/upscale', 'renderer/gpu', 'shaders', 'build/generated'],
    forbidPackages: ['electron', nodeBuiltins, 'react', 'zustand'],
  },
  {
    folder: 'renderer/upscale/webgl2',
    allow: [common, 'renderer/upscale', 'renderer/gpu', 'shaders', 'build/generated'],
    forbid: ['renderer/upscale/webgpu', 'renderer/gpu/webgpu'],
    forbidPackages: ['electron', nodeBuiltins, 'react', 'zustand'],
  },
  {
    folder: 'renderer/upscale/webgpu',
    allow: [common, 'renderer/upscale', 'renderer/gpu', 'shaders', 'build/generated'],
    forbid: ['renderer/upscale/webgl2', 'renderer/gpu/webgl2'],
    forbidPackages: ['electron', nodeBuiltins, 'react', 'zustand'],
  },
  { folder: 'renderer/subtitles', allow: [common, 'renderer/subtitles'], forbidPackages: ['electron', nodeBuiltins, 'react'] },
  { folder: 'renderer/input', allow: [common, 'renderer/input', 'renderer/store'], packages: [] },
  { folder: 'renderer', allow: [common, 'renderer', 'shaders'], forbidPackages: ['electron', nodeBuiltins] },
  // The build configuration runs in Node, not in the page.
  { folder: 'renderer/vite.config.ts', allow: [common] },
];
