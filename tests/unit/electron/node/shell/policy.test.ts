import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../../electron/common/csp';
import {
  isNavigationAllowed,
  isPermissionGranted,
  resolveAppAsset,
  secureWebPreferences,
} from '../../../../../electron/node/shell/policy';

describe('window security settings', () => {
  const preferences = secureWebPreferences('/app/preload.cjs');
  it.each([
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
  ] as const)('%s is %s', (key, value) => {
    expect(preferences[key]).toBe(value);
  });

  it('turns on only the media tracks API among Blink features', () => {
    expect(preferences.enableBlinkFeatures).toBe('AudioVideoTracks');
  });

  it('loads our preload only', () => {
    expect(preferences.preload).toBe('/app/preload.cjs');
  });
});

describe('navigation and permissions', () => {
  it.each(['https://example.com/', 'kirei-app://bundle/other.html', 'file:///etc/passwd', 'javascript:alert(1)'])(
    'refuses navigation to %s',
    (url) => expect(isNavigationAllowed(url)).toBe(false),
  );

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'display-capture', 'hid'])(
    'denies %s',
    (permission) => expect(isPermissionGranted(permission, 'kirei-app://bundle/index.html')).toBe(false),
  );

  it('grants fullscreen to our bundle only', () => {
    expect(isPermissionGranted('fullscreen', 'kirei-app://bundle/index.html')).toBe(true);
    expect(isPermissionGranted('fullscreen', 'https://example.com/')).toBe(false);
    expect(isPermissionGranted('fullscreen', 'kirei-app://other/index.html')).toBe(false);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    contentSecurityPolicy.split(';').map((directive) => {
      const [name = '', ...values] = directive.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  it('allows no remote origin anywhere', () => {
    expect(contentSecurityPolicy).not.toMatch(/https?:|\*/);
  });
  it('forbids inline script and eval but allows WebAssembly', () => {
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });
  it('falls back to nothing', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });
  it('lets media come from the media protocol', () => {
    expect(directives.get('media-src')).toContain('kirei-media:');
  });
});

describe('app bundle protocol', () => {
  const root = path.resolve('/opt/kirei/renderer');
  it.each([
    ['kirei-app://bundle/', path.join(root, 'index.html')],
    ['kirei-app://bundle/index.html', path.join(root, 'index.html')],
    ['kirei-app://bundle/assets/index-abc.js', path.join(root, 'assets', 'index-abc.js')],
    ['kirei-app://bundle/assets/a%20b.css', path.join(root, 'assets', 'a b.css')],
  ])('serves %s from the bundle', (url, expected) => {
    expect(resolveAppAsset(root, url)).toBe(expected);
  });

  it.each(['kirei-app://bundle/../secret', 'kirei-app://bundle/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps dot segments of %s inside the bundle',
    (url) => {
      const resolved = resolveAppAsset(root, url);
      expect(resolved === null || resolved.startsWith(root + path.sep)).toBe(true);
    },
  );

  it.each([
    'kirei-app://bundle/..%2F..%2Fetc%2Fpasswd',
    'kirei-app://bundle/assets/%00.js',
    'kirei-app://elsewhere/index.html',
    'https://bundle/index.html',
    'kirei-app://bundle/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });
});
