import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { KireiError } from '../common/errors';
import { atomicWrite } from './files/atomicWrite';

const pngSignature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export type ScreenshotVariant = 'subtitles' | 'video' | 'window';

/** "Sousou no Frieren - 12 - 00-12-34.567.png": the title as the viewer knows it, then where in the episode. */
export function screenshotFileName(title: string, mediaTime: number, variant: ScreenshotVariant): string {
  const safeTitle =
    title
      // Characters no file system accepts, and control characters.
      .replace(/[<>:"/\\|?*]/g, ' ')
      .replace(/\p{Cc}/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[. ]+$/, '')
      .slice(0, 150) || 'Kirei';
  const total = Math.max(0, mediaTime);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const time = `${String(hours).padStart(2, '0')}-${String(minutes).padStart(2, '0')}-${seconds.toFixed(3).padStart(6, '0')}`;
  const suffix = variant === 'video' ? ' (no subtitles)' : variant === 'window' ? ' (window)' : '';
  return `${safeTitle} - ${time}${suffix}.png`;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > pngSignature.length && pngSignature.every((value, index) => bytes[index] === value);
}

/**
 * Saves a PNG into the screenshots folder under a name that does not replace an earlier shot
 * (" (2)", " (3)" …), atomically so that a half-written file never appears. The folder the
 * viewer chose must exist; the default one (Pictures/Kirei) is made, one level only.
 */
export async function saveScreenshot(folder: string, fileName: string, png: Uint8Array, options: { isDefaultFolder: boolean }): Promise<string> {
  if (!isPng(png)) throw new KireiError('invalid-request', 'The screenshot is not a PNG image.');
  const name = path.basename(folder) || folder;
  if (options.isDefaultFolder) {
    await mkdir(folder).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new KireiError('write-failed', `The screenshot folder “${name}” could not be made.`, code);
    });
  }
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new KireiError('write-failed', `The screenshot folder “${name}” no longer exists. Choose another in the settings.`);
  const extension = path.extname(fileName);
  const base = fileName.slice(0, fileName.length - extension.length);
  for (let attempt = 1; attempt < 1000; attempt++) {
    const candidate = path.join(folder, attempt === 1 ? fileName : `${base} (${attempt})${extension}`);
    const exists = await stat(candidate).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    try {
      await atomicWrite(candidate, png, { createFolder: false });
    } catch (error) {
      throw new KireiError('write-failed', `The screenshot could not be saved in the folder “${name}”.`, (error as NodeJS.ErrnoException).code ?? 'write failed');
    }
    return candidate;
  }
  throw new KireiError('write-failed', `Too many screenshots named ${fileName} in the folder “${name}”.`);
}
