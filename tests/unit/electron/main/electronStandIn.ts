import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

/** A web contents as the main process uses it: events, sends and the window-open handler. */
export class StandInWebContents extends EventEmitter {
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly mainFrame = { url: 'kirei-app://bundle/index.html' };
  windowOpenHandler: Handler | null = null;
  reloads = 0;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  reload(): void {
    this.reloads++;
  }
  isDestroyed(): boolean {
    return false;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  capturePage(): Promise<{ toPNG(): Uint8Array }> {
    return Promise.resolve({ toPNG: () => new Uint8Array() });
  }
}

/**
 * The parts of Electron's API the main process uses, recording what it is asked: enough to run
 * the built main bundle under plain Node and check its wiring where no Electron binary exists.
 */
export function electronStandIn(userData: string, options: { singleInstance: boolean }) {
  const record = {
    ready: false,
    schemes: [] as { scheme: string; privileges: Record<string, boolean>; beforeReady: boolean }[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Handler>(),
    windows: [] as StandInWindow[],
    switches: [] as string[],
    lockData: null as unknown,
    quits: 0,
    menus: 0,
    permissionRequest: null as Handler | null,
    permissionCheck: null as Handler | null,
    dialogs: 0,
  };
  let markReady: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => {
    markReady = () => {
      record.ready = true;
      resolve();
    };
  });

  class StandInWindow extends EventEmitter {
    readonly webContents = new StandInWebContents();
    loadedUrl = '';
    focused = 0;
    restored = 0;
    minimized = true;
    constructor(readonly options: Record<string, unknown>) {
      super();
      record.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show(): void {}
    focus(): void {
      this.focused++;
    }
    restore(): void {
      this.restored++;
      this.minimized = false;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    isDestroyed(): boolean {
      return false;
    }
    isFullScreen(): boolean {
      return false;
    }
    setFullScreen(): void {}
  }

  const app = Object.assign(new EventEmitter(), {
    commandLine: { appendSwitch: (name: string, value?: string) => record.switches.push(value ? `${name}=${value}` : name) },
    isPackaged: false,
    requestSingleInstanceLock: (data: unknown) => {
      record.lockData = data;
      return options.singleInstance;
    },
    whenReady: () => whenReady,
    getPath: (name: string) => `${userData}/${name}`,
    getVersion: () => '0.0.0-stand-in',
    quit: () => {
      record.quits++;
    },
  });

  const electron = {
    app,
    BrowserWindow: StandInWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string; privileges: Record<string, boolean> }[]) => {
        for (const scheme of schemes) record.schemes.push({ ...scheme, beforeReady: !record.ready });
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => record.protocolHandlers.set(scheme, handler),
    },
    ipcMain: { handle: (channel: string, handler: Handler) => record.ipcHandlers.set(channel, handler) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Handler) => (record.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Handler) => (record.permissionCheck = handler),
      },
    },
    dialog: {
      showOpenDialog: () => {
        record.dialogs++;
        return Promise.resolve({ canceled: true, filePaths: [] });
      },
      showErrorBox: () => undefined,
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: () => {
        record.menus++;
      },
    },
  };
  return { electron, record, markReady };
}

export type StandInBrowserWindow = InstanceType<ReturnType<typeof electronStandIn>['electron']['BrowserWindow']>;
