import type { BrowserWindow } from 'electron';
import { ipcMain } from 'electron';
import type { EventName } from '../common/channels';
import { callChannel, eventChannel } from '../common/channels';
import type { EventPayload, ServiceApi } from '../common/contract';
import { appOrigin } from '../common/csp';
import { createDispatcher } from '../node/ipc/dispatcher';

/**
 * One handler for every call. The dispatcher refuses unknown methods and validates requests and
 * replies; here we only tell it whether the sender is our window's top frame.
 */
export function registerIpc(services: ServiceApi, getWindow: () => BrowserWindow | null): void {
  const dispatch = createDispatcher(services, {
    appOrigin,
    onInvalidReply: (method, issue) => console.error(`[ipc] invalid reply from ${method}: ${issue}`),
  });
  ipcMain.handle(callChannel, (event, message: unknown) => {
    const window = getWindow();
    const frame = event.senderFrame;
    const isOurMainFrame =
      window !== null && frame !== null && event.sender === window.webContents && frame === window.webContents.mainFrame;
    return dispatch(message, { frameUrl: frame?.url ?? '', isOurMainFrame });
  });
}

export function sendEvent<E extends EventName>(window: BrowserWindow | null, event: E, payload: EventPayload<E>): void {
  if (!window || window.isDestroyed()) return;
  window.webContents.send(eventChannel, { event, payload });
}
