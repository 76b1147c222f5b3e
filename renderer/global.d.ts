import type { KireiBridge } from '../electron/common/bridge';
import type { KireiInspector } from './app/inspector';

declare global {
  interface Window {
    kirei: KireiBridge;
    kireiInspector?: KireiInspector;
  }
}
