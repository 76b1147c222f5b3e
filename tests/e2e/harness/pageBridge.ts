// Runs in the page before the renderer, as the preload does in the app: it builds `window.kirei`
// from the same contract, but its calls travel through a Playwright binding to the real services.
import { createBridge } from '../../../electron/common/bridge';
import type { CallResult } from '../../../electron/common/contract';
import { fromWire } from './wire';

interface TestWindow {
  kireiTestCall(method: string, payload: unknown): Promise<unknown>;
  kireiTestEmit?: (event: string, payload: unknown) => void;
  kireiTestDropPaths?: Record<string, string>;
  kirei?: unknown;
}

const testWindow = window as unknown as TestWindow;
const listeners = new Set<(event: string, payload: unknown) => void>();
testWindow.kireiTestEmit = (event, payload) => {
  for (const listener of listeners) listener(event, payload);
};
testWindow.kirei = Object.freeze(
  createBridge({
    call: async (method, payload) => fromWire(await testWindow.kireiTestCall(method, payload)) as CallResult,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pathForFile: (file) => testWindow.kireiTestDropPaths?.[(file as File).name] ?? '',
  }),
);
