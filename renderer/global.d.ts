import type { KireiBridge } from '../electron/common/bridge';
import type { CapturedFrame } from './upscale/webgl2/stage';

/** Read-only hooks into the running player, for bug reports and end-to-end tests. */
export interface KireiInspector {
  captureFrame(): CapturedFrame | null;
  presentedMediaTime(): number | null;
  stageInfo(): { renderer: string; timing: string; floatTargets: boolean };
  loseContext(): boolean;
}

declare global {
  interface Window {
    kirei: KireiBridge;
    kireiInspector?: KireiInspector;
  }
}
