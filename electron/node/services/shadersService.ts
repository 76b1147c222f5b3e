import { open } from 'node:fs/promises';
import path from 'node:path';
import type { ServiceApi } from '../../common/contract';
import { KireiError } from '../../common/errors';
import type { ImportedChain } from '../../common/mpvConfig';
import { parseMpvShaderConfig } from '../../common/mpvConfig';
import type { Settings } from '../../common/settings';
import type { ShaderChain } from '../../common/shaders';
import { maximumChains } from '../../common/shaders';
import { defaultShaderFolder, listShaderFolder, readShaderFile } from '../shaders/shaderFolder';
import type { ServiceContext } from './context';

/** mpv configuration files are a few kilobytes; anything near this is not one. */
const maximumConfigBytes = 1024 * 1024;

async function readConfig(filePath: string): Promise<string> {
  const handle = await open(filePath, 'r').catch(() => {
    throw new KireiError('unreadable', `“${path.basename(filePath)}” could not be read.`);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > maximumConfigBytes) throw new KireiError('invalid-request', `“${path.basename(filePath)}” is not an mpv configuration file (it is too large).`);
    const buffer = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(buffer, 0, info.size, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * A configuration's file names as files of the folder: the same path, else the one file of that
 * name anywhere in it (Anime4K's input.conf names its files flat; collections keep them in folders).
 */
function resolveNames(chain: ImportedChain, listed: string[], skipped: string[]): ImportedChain {
  const files = chain.files.map((name) => {
    if (listed.includes(name)) return name;
    const base = path.posix.basename(name).toLowerCase();
    const matches = listed.filter((candidate) => path.posix.basename(candidate).toLowerCase() === base);
    if (matches.length === 1 && matches[0]) return matches[0];
    skipped.push(`“${chain.name}”: ${name} is ${matches.length > 1 ? 'in the shaders folder more than once' : 'not in the shaders folder'}`);
    return name;
  });
  return { ...chain, files };
}

/** input.conf lines for the imported keys, replacing the viewer's earlier lines for the same keys. */
function withKeys(inputConf: string, bindings: { key: string; command: string }[]): string {
  const keys = new Set(bindings.map((binding) => binding.key.toLowerCase()));
  const kept = inputConf.split('\n').filter((line) => !keys.has((line.trim().split(/\s+/)[0] ?? '').toLowerCase()));
  const added = bindings.map((binding) => `${binding.key} ${binding.command}`);
  return [...kept.filter((line, index) => line.trim() !== '' || index < kept.length - 1), ...added].join('\n').slice(0, 64_000);
}

export function shadersService(context: ServiceContext): ServiceApi['shaders'] {
  const { settings } = context;
  const folder = async (): Promise<string> => settings.get().shaderFolder ?? (await defaultShaderFolder(context.shaderFolders ?? []));

  return {
    list: async () => listShaderFolder(await folder()),
    read: async ({ names }) => {
      const root = await folder();
      const texts = [];
      for (const name of names) texts.push({ name, text: await readShaderFile(root, name) });
      return texts;
    },
    chooseFolder: async () => {
      const picked = await context.pickFolder('shaders');
      return picked ? settings.update({ shaderFolder: path.resolve(picked) }) : settings.get();
    },
    importMpvConfig: async () => {
      const picked = await context.pickFile('mpv-config');
      if (!picked) return null;
      const parsed = parseMpvShaderConfig(await readConfig(picked), path.basename(picked));
      const skipped = [...parsed.skipped];
      const listed = (await listShaderFolder(await folder())).files.map((file) => file.name);
      const imported = parsed.chains.map((chain) => resolveNames(chain, listed, skipped));
      const current: Settings = settings.get();
      const names = new Set(imported.map((chain) => chain.name));
      const chains: ShaderChain[] = [...current.shaders.chains.filter((chain) => !names.has(chain.name)), ...imported.map(({ name, files }) => ({ name, files }))];
      if (chains.length > maximumChains) skipped.push(`Only ${maximumChains} chains are kept; ${chains.length - maximumChains} were left out`);
      const bindings = [
        ...imported.flatMap((chain) => (chain.key ? [{ key: chain.key, command: `shader-chain "${chain.name.replace(/"/g, "'")}"` }] : [])),
        ...parsed.clearKeys.map((key) => ({ key, command: 'anime4k-mode off' })),
      ];
      const updated = await settings.update({
        shaders: { chains: chains.slice(0, maximumChains) },
        inputConf: withKeys(current.inputConf, bindings),
      });
      return { settings: updated, chains: imported.map((chain) => chain.name), keys: bindings.length, skipped: skipped.slice(0, 200) };
    },
  };
}
