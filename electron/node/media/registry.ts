import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Maps opaque ids to files the user opened or added. The media protocol serves ids found here
 * and nothing else, so no path ever comes from a URL.
 */
export class MediaRegistry {
  private readonly pathsById = new Map<string, string>();
  private readonly idsByPath = new Map<string, string>();

  register(filePath: string): string {
    const absolute = path.resolve(filePath);
    const known = this.idsByPath.get(absolute);
    if (known) return known;
    const id = randomBytes(16).toString('hex');
    this.pathsById.set(id, absolute);
    this.idsByPath.set(absolute, id);
    return id;
  }

  resolve(id: string): string | undefined {
    return this.pathsById.get(id);
  }

  unregister(id: string): void {
    const filePath = this.pathsById.get(id);
    if (filePath === undefined) return;
    this.pathsById.delete(id);
    this.idsByPath.delete(filePath);
  }
}

export const mediaIdPattern = /^[0-9a-f]{32}$/;
