import type { KireiBridge } from '../electron/common/bridge';
import type { KireiInspector } from './player/inspector';

declare global {
  interface Window {
    kirei: KireiBridge;
    kireiInspector?: KireiInspector;
  }
}
