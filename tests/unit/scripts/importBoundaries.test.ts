import path from 'node:path';
import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import { importBoundaries } from '../../../scripts/eslint/import-boundaries.js';
import { zones } from '../../../scripts/eslint/zones.js';

RuleTester.describe = describe;
RuleTester.it = it;

const root = path.resolve('/project');
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
const options = [{ root, zones }];
const at = (file: string) => path.join(root, file);

tester.run('import-boundaries', importBoundaries, {
  valid: [
    { filename: at('electron/node/media/probe.ts'), code: "import { x } from '../../common/errors';", options },
    { filename: at('electron/node/media/probe.ts'), code: "import { execFile } from 'node:child_process';", options },
    { filename: at('electron/main/main.ts'), code: "import { app } from 'electron'; import { y } from '../node/services';", options },
    { filename: at('electron/preload/index.ts'), code: "import { ipcRenderer } from 'electron'; import { createBridge } from '../common/bridge';", options },
    { filename: at('electron/common/contract.ts'), code: "import { z } from 'zod';", options },
    { filename: at('renderer/app/Player.tsx'), code: "import { useKirei } from '../store'; import { PlayerEngine } from '../player/engine';", options },
    { filename: at('renderer/upscale/webgl2/backend.ts'), code: "import { createTexture } from '../../gpu/webgl2/texture'; import { CpuFrameClock } from '../../gpu/timing';", options },
    { filename: at('renderer/upscale/webgpu/backend.ts'), code: "import { StageBackend } from '../backend';", options },
    { filename: at('renderer/upscale/webgl2/resampler.ts'), code: "import source from '../../../shaders/webgl2/resample.frag?raw';", options },
    { filename: at('renderer/store/index.ts'), code: "import { create } from 'zustand';", options },
    { filename: at('renderer/vite.config.ts'), code: "import path from 'node:path';", options },
    { filename: at('renderer/player/engine.ts'), code: "import { VideoPlayer } from '../video/videoPlayer'; import { StageHost } from './stageHost'; import { StoreHandle } from '../store';", options },
    { filename: at('renderer/app/Hud.tsx'), code: "import { PictureView } from '../player/facades'; import { useEffect } from 'react';", options },
    { filename: at('tests/unit/anything.test.ts'), code: "import { app } from 'electron';", options },
  ],
  invalid: [
    { filename: at('electron/node/services.ts'), code: "import { app } from 'electron';", options, errors: [{ messageId: 'package' }] },
    { filename: at('electron/node/services.ts'), code: "import { x } from '../main/ipc';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('electron/common/media.ts'), code: "import { readFile } from 'node:fs';", options, errors: [{ messageId: 'package' }] },
    { filename: at('electron/common/media.ts'), code: "import { x } from '../node/services';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('electron/preload/index.ts'), code: "import { z } from 'zod';", options, errors: [{ messageId: 'package' }] },
    { filename: at('electron/preload/index.ts'), code: "import { x } from '../node/services';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/app/App.tsx'), code: "import { ipcRenderer } from 'electron';", options, errors: [{ messageId: 'package' }] },
    { filename: at('renderer/app/App.tsx'), code: "import fs from 'node:fs';", options, errors: [{ messageId: 'package' }] },
    { filename: at('renderer/app/App.tsx'), code: "import { x } from '../../electron/node/services';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/gpu/webgl2/texture.ts'), code: "import { x } from '../../upscale/geometry';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/gpu/webgpu/timer.ts'), code: "import { PassTimer } from '../webgl2/timer';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/upscale/webgpu/pipeline.ts'), code: "import { numberSource } from '../../gpu/webgl2/program';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/upscale/webgl2/backend.ts'), code: "import { WebGpuPipeline } from '../webgpu/pipeline';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/upscale/planner.ts'), code: "import { useKirei } from '../store';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/upscale/planner.ts'), code: "import React from 'react';", options, errors: [{ messageId: 'package' }] },
    { filename: at('renderer/store/index.ts'), code: "import { x } from '../upscale/geometry';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/video/videoPlayer.ts'), code: "import { useKirei } from '../store';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/input/keymap.ts'), code: "export * from '../app/format';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/app/App.tsx'), code: "const m = import('node:fs');", options, errors: [{ messageId: 'package' }] },
    { filename: at('renderer/player/engine.ts'), code: "import { useEffect } from 'react';", options, errors: [{ messageId: 'package' }] },
    { filename: at('renderer/player/engine.ts'), code: "import { createRoot } from 'react-dom/client';", options, errors: [{ messageId: 'package' }] },
    { filename: at('renderer/player/engine.ts'), code: "import { useKirei } from '../app/ports';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/app/Hud.tsx'), code: "import { PassTimer } from '../gpu/webgl2/timer';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/app/Player.tsx'), code: "import { VideoPlayer } from '../video/videoPlayer';", options, errors: [{ messageId: 'folder' }] },
    { filename: at('renderer/app/Magnifier.tsx'), code: "import { createPictureStage } from '../upscale/createStage';", options, errors: [{ messageId: 'folder' }] },
  ],
});
