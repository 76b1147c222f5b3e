import { randomBytes } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** A file the media protocol may serve, and what it may be served as. */
export interface ServedFile {
  /** The path as the viewer opened it (subtitles beside it, progress and names are found from here). */
  path: string;
  /** Where it really is: what is read. */
  realPath: string;
  contentType: string;
  /** The very file that was checked: a request finding another file at the real path (replaced, swapped) is refused. */
  device: bigint;
  inode: bigint;
}

/** What a probed file is served as, from ffprobe's container name: media types only. */
export function mediaContentType(container: string, hasVideo: boolean): string {
  const first = container.split(',')[0] ?? '';
  const types: Record<string, [string, string]> = {
    matroska: ['video/x-matroska', 'audio/x-matroska'],
    mov: ['video/mp4', 'audio/mp4'],
    avi: ['video/x-msvideo', 'video/x-msvideo'],
    mpegts: ['video/mp2t', 'video/mp2t'],
    ogg: ['video/ogg', 'audio/ogg'],
    flv: ['video/x-flv', 'video/x-flv'],
    asf: ['video/x-ms-asf', 'audio/x-ms-wma'],
    rm: ['application/vnd.rn-realmedia', 'application/vnd.rn-realmedia'],
    mpeg: ['video/mpeg', 'audio/mpeg'],
  };
  const pair = types[first];
  return pair ? pair[hasVideo ? 0 : 1] : 'application/octet-stream';
}

/**
 * Maps opaque ids to the files the media protocol serves: files that probed as audio or video,
 * and thumbnails the main process made itself. No path ever comes from a URL, and each entry is
 * bound to the file it was registered for (its real path, device and inode).
 */
export class MediaRegistry {
  private readonly filesById = new Map<string, ServedFile>();
  private readonly idsByPath = new Map<string, string>();

  /** Registers a file that was checked to be media (or one Kirei wrote); the id is reused while the same file stays. */
  async register(filePath: string, contentType: string): Promise<string> {
    const absolute = path.resolve(filePath);
    const realPath = await realpath(absolute);
    const info = await stat(realPath, { bigint: true });
    if (!info.isFile()) throw new Error('only regular files are served');
    const served: ServedFile = { path: absolute, realPath, contentType, device: info.dev, inode: info.ino };
    const known = this.idsByPath.get(absolute);
    if (known) {
      this.filesById.set(known, served);
      return known;
    }
    const id = randomBytes(16).toString('hex');
    this.filesById.set(id, served);
    this.idsByPath.set(absolute, id);
    return id;
  }

  /** The path as opened, for the services. */
  resolve(id: string): string | undefined {
    return this.filesById.get(id)?.path;
  }

  /** Everything the protocol needs to serve the file. */
  served(id: string): ServedFile | undefined {
    return this.filesById.get(id);
  }

  unregister(id: string): void {
    const served = this.filesById.get(id);
    if (served === undefined) return;
    this.filesById.delete(id);
    this.idsByPath.delete(served.path);
  }
}
