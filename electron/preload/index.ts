import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from '../common/bridge';
import { callChannel, eventChannel } from '../common/channels';
import type { CallResult } from '../common/contract';

/**
 * Exposes `window.kirei`: named functions built from the contract, nothing else. The renderer
 * never sees ipcRenderer, so it cannot reach channels that are not in the contract.
 */
const bridge = createBridge({
  call: (method, payload) => ipcRenderer.invoke(callChannel, { method, payload }) as Promise<CallResult>,
  subscribe: (listener) => {
    const handler = (_event: Electron.IpcRendererEvent, message: { event: string; payload: unknown }) =>
      listener(message.event, message.payload);
    ipcRenderer.on(eventChannel, handler);
    return () => ipcRenderer.off(eventChannel, handler);
  },
  pathForFile: (file) => webUtils.getPathForFile(file as File),
});

contextBridge.exposeInMainWorld('kirei', bridge);
