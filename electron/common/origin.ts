/**
 * `scheme://host` of a URL. WHATWG URL gives custom schemes (kirei-app:) the opaque origin
 * "null", so comparing `url.origin` would treat every custom-scheme page alike.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}
