import type { MenuItemConstructorOptions } from 'electron';
import { Menu, app } from 'electron';
import type { RecentEntry } from '../common/media';

export interface MenuActions {
  openFile(): void;
  openRecent(key: string): void;
  clearRecent(): void;
  toggleFullscreen(): void;
}

/** The application menu; rebuilt when the recent list changes. */
export function buildMenu(recent: RecentEntry[], actions: MenuActions): void {
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? [
        ...recent.map((entry) => ({ label: `${entry.name}  —  ${entry.folder}`, click: () => actions.openRecent(entry.key) })),
        { type: 'separator' as const },
        { label: 'Clear Recent', click: () => actions.clearRecent() },
      ]
    : [{ label: 'No recent files', enabled: false }];

  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open File…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFile() },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Toggle Fullscreen', accelerator: 'F11', click: () => actions.toggleFullscreen() },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
