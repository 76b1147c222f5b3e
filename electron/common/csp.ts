/**
 * The renderer's Content-Security-Policy: our own bundle and the media protocol only, no remote
 * origins, no inline script, no eval (WebAssembly compilation is allowed for the subtitle renderer).
 */
export const mediaScheme = 'kirei-media';
export const appScheme = 'kirei-app';
export const appHost = 'bundle';
export const appOrigin = `${appScheme}://${appHost}`;

export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  `img-src 'self' data: blob: ${mediaScheme}:`,
  `media-src 'self' blob: ${mediaScheme}:`,
  `connect-src 'self' ${mediaScheme}:`,
  `font-src 'self' data: blob: ${mediaScheme}:`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');
