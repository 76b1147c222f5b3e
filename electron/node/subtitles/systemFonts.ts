import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fontNamesOfFile } from './fontNames';

const fontFile = /\.(ttf|otf|ttc|otc)$/i;

/** Where each platform keeps installed fonts. */
export function systemFontFolders(platform: NodeJS.Platform = process.platform, home = os.homedir()): string[] {
  if (platform === 'win32') {
    const windows = process.env['WINDIR'] ?? 'C:\\Windows';
    const local = process.env['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local');
    return [path.join(windows, 'Fonts'), path.join(local, 'Microsoft', 'Windows', 'Fonts')];
  }
  if (platform === 'darwin') return ['/System/Library/Fonts', '/Library/Fonts', path.join(home, 'Library', 'Fonts')];
  return ['/usr/share/fonts', '/usr/local/share/fonts', path.join(home, '.local', 'share', 'fonts'), path.join(home, '.fonts')];
}

/** Font files under a folder, a few levels deep (Linux sorts fonts into per-family folders). */
export async function fontFilesUnder(folder: string, depth = 4): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isFile() && fontFile.test(entry.name)) files.push(full);
    else if (entry.isDirectory() && depth > 0) files.push(...(await fontFilesUnder(full, depth - 1)));
  }
  return files;
}

/**
 * Installed fonts by the names a script may ask for, read once on first use (only each file's
 * name table is read). A script asking for "Arial" gets the installed Arial, as mpv would.
 */
export class SystemFonts {
  private index: Promise<Map<string, string>> | null = null;

  constructor(private readonly folders: string[] = systemFontFolders()) {}

  /** The file that provides a family, if one is installed. */
  async find(name: string): Promise<string | null> {
    return (await this.load()).get(name.toLowerCase()) ?? null;
  }

  private load(): Promise<Map<string, string>> {
    this.index ??= (async () => {
      const byName = new Map<string, string>();
      for (const folder of this.folders) {
        for (const file of await fontFilesUnder(folder)) {
          for (const name of await fontNamesOfFile(file)) if (!byName.has(name)) byName.set(name, file);
        }
      }
      return byName;
    })();
    return this.index;
  }
}
