import { constants, createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { decideRange } from './range';
import type { ConversionRequest, Conversions } from './conversion';
import type { MediaRegistry } from './registry';
import { mediaIdSchema } from '../../common/contract';

export interface ProtocolRequest {
  method: string;
  url: string;
  /** Header lookup, case-insensitive as in the Fetch API. */
  header(name: string): string | null;
}

export interface ProtocolResponse {
  status: number;
  headers: Record<string, string>;
  /** A stream of exactly the bytes promised by Content-Length; null for HEAD and errors. */
  body: Readable | null;
}

/** Every answer: never cached, never sniffed into something other than its stated type. */
const baseHeaders = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

function emptyResponse(status: number, extraHeaders: Record<string, string> = {}): ProtocolResponse {
  return { status, headers: { ...baseHeaders, ...extraHeaders }, body: null };
}

/**
 * Opens the registered file, refusing a link put in its place, and checks that it is still the
 * file that was registered (same device and inode): a file replaced or swapped since is not served.
 */
async function openRegistered(served: { realPath: string; device: bigint; inode: bigint }): Promise<{ handle: FileHandle; size: number } | null> {
  let handle: FileHandle;
  try {
    handle = await open(served.realPath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return null;
  }
  try {
    const info = await handle.stat({ bigint: true });
    if (info.isFile() && info.dev === served.device && info.ino === served.inode) return { handle, size: Number(info.size) };
  } catch {
    // Treated as gone.
  }
  await handle.close();
  return null;
}

/** The id is the last path segment; everything else in the URL is ignored on purpose. */
export function mediaIdFromUrl(url: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  const segments = pathname.split('/').filter((segment) => segment.length > 0);
  const last = segments[segments.length - 1];
  return last !== undefined && mediaIdSchema.safeParse(last).success ? last : null;
}

/**
 * `?convert&start=<seconds>&audio=<stream index>`: the converted stream of a file, from a time,
 * with one audio track. Null when the URL asks for the file itself; 'invalid' when it asks badly.
 */
export function conversionRequestFromUrl(url: string, audioIndexes: number[]): ConversionRequest | null | 'invalid' {
  const parameters = new URL(url).searchParams;
  if (!parameters.has('convert')) return null;
  const start = Number(parameters.get('start') ?? '0');
  if (!Number.isFinite(start) || start < 0 || start > 1e7) return 'invalid';
  const audioText = parameters.get('audio');
  if (audioText === null || audioText === '') return { start, audioIndex: null };
  const audioIndex = Number(audioText);
  return Number.isInteger(audioIndex) && audioIndexes.includes(audioIndex) ? { start, audioIndex } : 'invalid';
}

/**
 * Serves registered media by id with real Range support. Electron's `net.fetch(file:)` ignores
 * Range, so seeking in a large file would otherwise read it from the start every time.
 * Files registered for conversion are also served as ffmpeg's live output (no length, no ranges).
 */
export function createMediaHandler(registry: MediaRegistry, conversions?: Conversions) {
  return async function handleMediaRequest(request: ProtocolRequest): Promise<ProtocolResponse> {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      return emptyResponse(405, { Allow: 'GET, HEAD' });
    }
    const id = mediaIdFromUrl(request.url);
    const served = id ? registry.served(id) : undefined;
    if (!id || !served) return emptyResponse(404);

    const audioIndexes = conversions?.audioIndexes(id);
    const conversion = conversionRequestFromUrl(request.url, audioIndexes ?? []);
    if (conversion !== null) {
      if (!conversions || !audioIndexes) return emptyResponse(404);
      if (conversion === 'invalid') return emptyResponse(400);
      if (method === 'HEAD') return emptyResponse(200, { 'Content-Type': 'video/mp4' });
      const body = await conversions.start(id, conversion).catch(() => 'failed' as const);
      if (body === 'failed') return emptyResponse(503);
      if (!body) return emptyResponse(404);
      return { status: 200, headers: { ...baseHeaders, 'Content-Type': 'video/mp4' }, body };
    }

    const opened = await openRegistered(served);
    if (!opened) return emptyResponse(404);
    const { handle, size } = opened;
    const common = { ...baseHeaders, 'Accept-Ranges': 'bytes', 'Content-Type': served.contentType };
    const decision = decideRange(request.header('range'), size);
    if (decision.kind === 'unsatisfiable') {
      await handle.close();
      return { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}` }, body: null };
    }
    const start = decision.kind === 'partial' ? decision.start : 0;
    const end = decision.kind === 'partial' ? decision.end : size - 1;
    const length = size === 0 ? 0 : end - start + 1;
    const headers: Record<string, string> = { ...common, 'Content-Length': String(length) };
    if (decision.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    const status = decision.kind === 'partial' ? 206 : 200;
    if (method === 'HEAD' || length === 0) {
      await handle.close();
      return { status, headers, body: null };
    }
    // Read from the handle that was checked, so nothing can change between the check and the read.
    return { status, headers, body: createReadStream('', { fd: handle, start, end, autoClose: true }) };
  };
}
