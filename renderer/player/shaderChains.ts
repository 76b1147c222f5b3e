import type { ShaderChain } from '../../electron/common/shaders';
import type { UpscalePreset } from '../../electron/common/upscaling';
import { presetKey } from '../../electron/common/upscaling';
import type { HookFile } from '../upscale/userShaders/hookFile';
import { HookFileError, parseHookFile } from '../upscale/userShaders/hookFile';
import type { ShaderSource } from '../upscale/userShaders/userPasses';
import { UserShaderError, userShaderPasses } from '../upscale/userShaders/userPasses';
import type { PlayerPorts } from './ports';

/** The saved chain a preset names; null when it was deleted or renamed since. */
export function chainOf(ports: PlayerPorts, name: string): ShaderChain | null {
  return ports.store.getState().settings?.shaders.chains.find((chain) => chain.name === name) ?? null;
}

/** The files of a chain, read from the viewer's shaders folder by the main process. */
export function shaderSources(ports: PlayerPorts): (name: string) => Promise<ShaderSource[]> {
  return async (name) => {
    const chain = chainOf(ports, name);
    if (!chain) throw new Error(`There is no shader chain named “${name}” any more.`);
    const texts = await ports.bridge.shaders.read({ names: chain.files });
    const parameters = ports.store.getState().settings?.shaderParameters ?? {};
    return texts.map((file) => ({ name: file.name, text: file.text, parameters: parameters[file.name] ?? {} }));
  };
}

/** What must be compiled again when it changes: a chain's key covers its files and their parameters, so an edited chain is rebuilt. */
export function compileKey(ports: PlayerPorts, preset: UpscalePreset): string {
  if (preset.kind !== 'shaders') return presetKey(preset);
  const files = chainOf(ports, preset.chain)?.files ?? [];
  const parameters = ports.store.getState().settings?.shaderParameters ?? {};
  return `${presetKey(preset)}|${files.map((file) => `${file}${JSON.stringify(parameters[file] ?? {})}`).join('|')}`;
}

/** A shader file as the settings list it: what it says it does, what it runs, and what stops it. */
export interface ShaderSummary {
  /** The passes' //!DESC lines, each once. */
  descriptions: string[];
  passes: number;
  hooks: string[];
  /** Compute passes run on WebGPU only. */
  compute: boolean;
  parameters: { name: string; description: string | null; type: 'float' | 'int' | 'uint'; value: number; minimum: number | null; maximum: number | null }[];
  /** Why the file cannot run, with its line; null when it parses and Kirei runs everything in it. */
  problem: string | null;
}

export function summarizeShader(name: string, text: string): ShaderSummary {
  let file: HookFile;
  try {
    file = parseHookFile(text);
  } catch (error) {
    const reason = error instanceof HookFileError ? `line ${error.line}: ${error.reason}` : String(error);
    return { descriptions: [], passes: 0, hooks: [], compute: false, parameters: [], problem: reason };
  }
  let problem: string | null = null;
  try {
    userShaderPasses([{ name, text }]);
  } catch (error) {
    // A file alone may read what another file of its chain saves: that is for the chain to say.
    if (error instanceof UserShaderError && !/which no earlier pass saved/.test(error.reason)) problem = `line ${error.line}: ${error.reason}`;
  }
  return {
    descriptions: [...new Set(file.passes.flatMap((pass) => (pass.description ? [pass.description] : [])))],
    passes: file.passes.length,
    hooks: [...new Set(file.passes.flatMap((pass) => pass.hooks))],
    compute: file.passes.some((pass) => pass.compute !== null),
    parameters: file.parameters.map((parameter) => ({
      name: parameter.name,
      description: parameter.description,
      type: parameter.type,
      value: parameter.value,
      minimum: parameter.minimum,
      maximum: parameter.maximum,
    })),
    problem,
  };
}
