import type { EventName } from './channels';
import { eventNames, methodNames } from './channels';
import type { CallResult, EventPayload, ServiceApi } from './contract';
import type { ErrorShape } from './errors';
import type { LibrarySnapshot } from './library';
import type { OpenedMedia } from './media';

/** How a bridge reaches the main side: ipcRenderer in the preload, a page binding in browser tests. */
export interface BridgeTransport {
  call(method: string, payload: unknown): Promise<CallResult>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  /** The file-system path of a dropped file; only the preload can know it. */
  pathForFile(file: object): string;
}

/** The renderer's view of the main process: `window.kirei`. Named functions only. */
export type KireiBridge = Omit<ServiceApi, 'media' | 'library'> & {
  media: ServiceApi['media'] & {
    /** Opens a file dropped onto the window. */
    openDropped(file: object): Promise<OpenedMedia>;
  };
  library: ServiceApi['library'] & {
    /** Adds a folder dropped onto the window to the library. */
    addDroppedFolder(file: object): Promise<LibrarySnapshot>;
  };
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** A refused request, as plain data: see `isErrorShape` for why errors cross the bridge that way. */
function refuse(message: string): Promise<never> {
  const shape: ErrorShape = { code: 'invalid-request', message };
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- plain data crosses the context bridge whole; an Error would not
  return Promise.reject(shape);
}

export function createBridge(transport: BridgeTransport): KireiBridge {
  const call = async (method: string, payload: unknown): Promise<unknown> => {
    const result = await transport.call(method, payload);
    if (result.ok) return result.value;
    // Plain data, not an Error: the context bridge would keep only an Error's message.
    const shape: ErrorShape = { ...result.error };
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- plain data crosses the context bridge whole; an Error would not
    throw shape;
  };

  const services: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(methodNames)) {
    const functions: Record<string, (request?: unknown) => Promise<unknown>> = {};
    for (const method of methods) {
      functions[method] = (request?: unknown) => call(`${service}.${method}`, request);
    }
    services[service] = functions;
  }
  /** The path behind a dropped item, which only the preload can learn. */
  const droppedPath = (file: unknown): string => {
    if (typeof file !== 'object' || file === null) return '';
    try {
      return transport.pathForFile(file);
    } catch {
      return '';
    }
  };
  const library = services['library'];
  if (library) {
    library['addDroppedFolder'] = (file?: unknown) => {
      const path = droppedPath(file);
      if (!path) return refuse('That item is not a folder on this computer.');
      return call('library.addFolder', { path });
    };
  }
  const media = services['media'];
  if (media) {
    media['openDropped'] = (file?: unknown) => {
      if (typeof file !== 'object' || file === null) {
        return refuse('Only files can be dropped here.');
      }
      let path: string;
      try {
        path = transport.pathForFile(file);
      } catch {
        path = '';
      }
      if (!path) {
        return refuse('That item is not a file on this computer, so Kirei cannot open it.');
      }
      return call('media.openPath', { path });
    };
  }

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  transport.subscribe((event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  });
  const on = (event: string, listener: (payload: unknown) => void): (() => void) => {
    if (!(eventNames as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`);
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };

  return { ...services, on } as unknown as KireiBridge;
}
