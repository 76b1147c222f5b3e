/**
 * Method and event names of the IPC contract as plain data. The preload imports only this file
 * (no schema library), and contract.ts checks at compile time that both lists agree.
 */
export const methodNames = {
  media: ['openDialog', 'openPath', 'openRecent', 'listRecent', 'clearRecent', 'close', 'conversionProblem', 'picture'],
  settings: ['get', 'update', 'chooseScreenshotFolder', 'chooseFfmpeg', 'resetPath'],
  library: ['snapshot', 'addFolderDialog', 'addFolder', 'removeFolder', 'rescan', 'playEpisode', 'setWatched', 'saveProgress', 'nextEpisode'],
  screenshots: ['save', 'saveWindow'],
  subtitles: ['list', 'load'],
  shaders: ['list', 'read', 'chooseFolder', 'importMpvConfig'],
  app: ['info', 'notices'],
} as const;

export const eventNames = ['mediaOpened', 'libraryChanged'] as const;

export type EventName = (typeof eventNames)[number];

/** The single IPC channel that carries every call; unknown methods are refused behind it. */
export const callChannel = 'kirei:call';
/** The single IPC channel that carries main-to-renderer events. */
export const eventChannel = 'kirei:event';

export function qualifiedMethodNames(): string[] {
  return Object.entries(methodNames).flatMap(([service, methods]) =>
    methods.map((method) => `${service}.${method}`),
  );
}
