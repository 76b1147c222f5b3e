import path from 'node:path';
import { appOrigin } from '../../common/csp';
import { originOf } from '../../common/origin';

/**
 * The window's security settings, kept free of Electron imports so tests can assert them.
 * See Electron's security checklist: every item below answers one of its points.
 */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // The one Blink feature we ask for: HTMLMediaElement.audioTracks, to switch a file's audio tracks.
    enableBlinkFeatures: 'AudioVideoTracks',
  } as const;
}

/** The window never navigates: the player is a single page, and links never open in it. */
export function isNavigationAllowed(_targetUrl: string): boolean {
  return false;
}

/** Only the HTML fullscreen API is granted, and only to our own bundle; everything else is denied. */
export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return permission === 'fullscreen' && originOf(requestingUrl) === appOrigin;
}

/**
 * Maps a request for our app bundle to a file inside `root`, or null. Percent-decoding happens
 * before the containment check, so `..%2F` cannot climb out.
 */
export function resolveAppAsset(root: string, requestUrl: string): string | null {
  if (originOf(requestUrl) !== appOrigin) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  const rootWithSeparator = path.resolve(root) + path.sep;
  return resolved.startsWith(rootWithSeparator) ? resolved : null;
}
