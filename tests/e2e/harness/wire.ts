/**
 * A Playwright binding carries typed arrays from the page but cannot return them to it, where
 * Electron's IPC carries them both ways. Replies cross the test binding with each byte array as
 * base64 in a marked object, and the page turns them back into bytes before the bridge sees them.
 */
interface WireBytes {
  kireiBytes: string;
}

function isWireBytes(value: unknown): value is WireBytes {
  return typeof value === 'object' && value !== null && typeof (value as Partial<WireBytes>).kireiBytes === 'string' && Object.keys(value).length === 1;
}

/** Node side: bytes → marked base64. */
export function toWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return { kireiBytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(toWire);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, toWire(entry)]));
  return value;
}

/** Page side: marked base64 → bytes. */
export function fromWire(value: unknown): unknown {
  if (isWireBytes(value)) {
    const binary = atob(value.kireiBytes);
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
    return bytes;
  }
  if (Array.isArray(value)) return value.map(fromWire);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fromWire(entry)]));
  return value;
}
