import type { ShaderChain } from './shaders';
import { isShaderFileName, maximumChainFiles } from './shaders';

/** A chain found in an mpv configuration file, with the key that chose it there (mpv's name for it). */
export interface ImportedChain extends ShaderChain {
  key: string | null;
}

export interface MpvShaderImport {
  chains: ImportedChain[];
  /** Keys that cleared the list in mpv (Anime4K's Ctrl+0): they turn upscaling off in Kirei. */
  clearKeys: string[];
  /** Lines or files that could not come over, in words. */
  skipped: string[];
}

/** Splits a line into words the way mpv's input.conf does: quotes group, `;` separates commands. */
function commandsOf(text: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | null = null;
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    if (character === '"' || character === "'") {
      const end = text.indexOf(character, index + 1);
      const quoted = end < 0 ? text.slice(index + 1) : text.slice(index + 1, end);
      word = (word ?? '') + (character === '"' ? quoted.replace(/\\(.)/g, '$1') : quoted);
      index = end < 0 ? text.length : end;
    } else if (character === '#' && word === null) {
      break;
    } else if (/\s/.test(character) || character === ';') {
      if (word !== null) commands.at(-1)?.push(word);
      word = null;
      if (character === ';') commands.push([]);
    } else {
      word = (word ?? '') + character;
    }
  }
  if (word !== null) commands.at(-1)?.push(word);
  return commands.filter((command) => command.length > 0);
}

/** mpv's path list: `:` between paths, `;` on Windows (where `:` follows a drive letter). */
function splitPathList(list: string): string[] {
  const separator = list.includes(';') || /(^|[;:])[A-Za-z]:[\\/]/.test(list) ? ';' : ':';
  return list.split(separator).map((entry) => entry.trim()).filter((entry) => entry.length > 0);
}

/**
 * A path from the configuration as a file of the shaders folder: `~~/shaders/x.glsl` (mpv's own
 * folder, also written `~~home/shaders/` or as the folder's full path) is; anything elsewhere is
 * not, and is named in `skipped`.
 */
function shaderName(entry: string, skipped: string[], where: string): string | null {
  const normalized = entry.replace(/\\/g, '/');
  const match = /^~~(?:home)?\/?shaders\/(.+)$/.exec(normalized) ?? /^(?:~\/\.config\/mpv|~\/\.mpv|.*\/portable_config)\/shaders\/(.+)$/.exec(normalized);
  // A bare name is relative to where mpv was started, not to its shaders folder: it does not come over.
  const name = match?.[1] ?? null;
  if (name && isShaderFileName(name)) return name;
  skipped.push(`${where}: “${entry}” is not in the shaders folder`);
  return null;
}

/** "Ctrl+1" for mpv's "CTRL+1": the key as Kirei's input.conf writes it. */
function keyName(key: string): string {
  return key
    .split('+')
    .map((part, index, parts) => (index < parts.length - 1 ? part.charAt(0).toUpperCase() + part.slice(1).toLowerCase() : part))
    .join('+');
}

/**
 * The shader chains of an mpv `input.conf` (Anime4K's `CTRL+1 no-osd change-list glsl-shaders set
 * "…"; show-text "Anime4K: Mode A (HQ)"`) or `mpv.conf` (`glsl-shaders="…"`, `glsl-shaders-append`).
 * A key's chain is named after the text it shows, else after the key.
 */
export function parseMpvShaderConfig(text: string, fileName: string): MpvShaderImport {
  const chains: ImportedChain[] = [];
  const clearKeys: string[] = [];
  const skipped: string[] = [];
  const configFiles: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const where = `${fileName}, line ${index + 1}`;
    if (line === '' || line.startsWith('#')) return;
    // mpv.conf: glsl-shaders=… replaces the list, glsl-shaders-append=… adds to it.
    const option = /^--?(glsl-shaders(?:-append|-add)?|glsl-shader)\s*=\s*(.*)$/.exec(line) ?? /^(glsl-shaders(?:-append|-add)?|glsl-shader)\s*=\s*(.*)$/.exec(line);
    if (option) {
      const value = commandsOf(option[2] ?? '')[0]?.join(' ') ?? '';
      const names = (option[1] === 'glsl-shaders' ? splitPathList(value) : [value]).flatMap((entry) => shaderName(entry, skipped, where) ?? []);
      if (option[1] === 'glsl-shaders') configFiles.length = 0;
      configFiles.push(...names);
      return;
    }
    const [key, ...rest] = line.split(/\s+/);
    if (!key || rest.length === 0) return;
    const commands = commandsOf(rest.join(' '));
    const change = commands.find((command) => command.filter((word) => word !== 'no-osd')[0] === 'change-list' && command.includes('glsl-shaders'));
    if (!change) return;
    const words = change.filter((word) => word !== 'no-osd');
    const action = words[2];
    const list = words[3] ?? '';
    if (action === 'clr') {
      clearKeys.push(keyName(key));
      return;
    }
    if (action !== 'set') {
      skipped.push(`${where}: “change-list glsl-shaders ${action ?? ''}” changes the list mpv has now; only whole lists (set) come over`);
      return;
    }
    const files = splitPathList(list).flatMap((entry) => shaderName(entry, skipped, where) ?? []);
    if (files.length === 0) return;
    const shown = commands.find((command) => command[0] === 'show-text')?.[1];
    addChain(chains, skipped, where, { name: (shown ?? `Shaders on ${keyName(key)}`).slice(0, 80), files, key: keyName(key) });
  });
  if (configFiles.length > 0) addChain(chains, skipped, fileName, { name: `${fileName} shaders`, files: configFiles, key: null });
  return { chains, clearKeys, skipped };
}

function addChain(chains: ImportedChain[], skipped: string[], where: string, chain: ImportedChain): void {
  if (chain.files.length > maximumChainFiles) {
    skipped.push(`${where}: ${chain.files.length} shaders in one list; a chain runs at most ${maximumChainFiles}`);
    return;
  }
  // The same name twice (two keys showing one text): the later key gets its own name.
  const taken = new Set(chains.map((existing) => existing.name));
  const name = taken.has(chain.name) && chain.key ? `${chain.name} (${chain.key})`.slice(0, 80) : chain.name;
  chains.push({ ...chain, name });
}
