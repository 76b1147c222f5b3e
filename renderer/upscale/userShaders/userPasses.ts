import type { FileTexture, HookStage, PassDefinition } from '../model';
import { hookStages } from '../model';
import type { HookFile, HookParameter, HookTexture } from './hookFile';
import { HookFileError, parseHookFile } from './hookFile';
import { evaluateRpn } from './rpn';

/** A shader file as the viewer handed it over: its name (for messages) and its text. */
export interface ShaderSource {
  name: string;
  text: string;
  /** The viewer's values of the file's //!PARAM settings; the others run at their defaults. */
  parameters?: Record<string, number>;
}

/** Why a file cannot run, with the file and the line, in words for the viewer. */
export class UserShaderError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}, line ${line}: ${reason}`);
    this.name = 'UserShaderError';
  }
}

/** The stages of our pipeline a hook may run at; MAINPRESUB is MAIN, as libplacebo has it. */
const supportedHooks = new Set<string>([...hookStages, 'MAINPRESUB']);
const stageOf = (hook: string): HookStage => (hook === 'MAINPRESUB' ? 'MAIN' : (hook as HookStage));
/** Textures every hook may bind besides what earlier passes saved (LUMA and CHROMA are made from the RGB picture). */
const builtInTextures = new Set(['HOOKED', 'MAIN', 'MAINPRESUB', 'NATIVE', 'NATIVE_CROPPED', 'LUMA', 'CHROMA']);
const planeStages = new Set(['LUMA', 'CHROMA']);
/** The stages after the final scaler: the picture at the output size. */
const scaledStages = new Set(['POSTKERNEL', 'SCALED', 'PREOUTPUT', 'OUTPUT']);
/** Why a stage mpv has is not one of Kirei's: said with the file and the line. */
const missingStages: Record<string, string> = {
  LINEAR: 'the picture in linear light, which exists only while mpv scales in linear light; Kirei scales in gamma light',
  SIGMOID: 'the picture in sigmoid light, which exists only while mpv scales in sigmoid light; Kirei scales in gamma light',
  ALPHA: 'an alpha plane, which decoded video has none of',
  XYZ: 'an XYZ plane, which only XYZ sources (digital cinema) have',
  CHROMA_SCALED: 'chroma scaled to luma’s size, which Kirei’s full-size planes never need',
  ALPHA_SCALED: 'an alpha plane, which decoded video has none of',
};

/** A file's look-up texture as RGBA texels (missing channels read as a texture of fewer channels does). */
function fileTexture(texture: HookTexture): FileTexture {
  const { components } = texture.format;
  const rgba = new Float32Array(texture.width * texture.height * 4);
  for (let texel = 0; texel < texture.width * texture.height; texel++) {
    for (let channel = 0; channel < 4; channel++) rgba[texel * 4 + channel] = channel < components ? (texture.texels[texel * components + channel] ?? 0) : channel === 3 ? 1 : 0;
  }
  return { name: texture.name, width: texture.width, height: texture.height, rgba, filter: texture.filter, border: texture.border };
}

/** A parameter at the viewer's value, kept inside the file's own range (and whole for integers). */
function withViewerValue(parameter: HookParameter, value: number | undefined): HookParameter {
  if (value === undefined || !Number.isFinite(value)) return parameter;
  const bounded = Math.min(parameter.maximum ?? Infinity, Math.max(parameter.minimum ?? -Infinity, value));
  return { ...parameter, value: parameter.type === 'float' ? bounded : Math.round(bounded) };
}

function glslValue(parameter: HookParameter): string {
  if (parameter.type === 'int') return String(Math.trunc(parameter.value));
  if (parameter.type === 'uint') return `${Math.trunc(parameter.value)}u`;
  const text = String(parameter.value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/**
 * The first pass of a file that runs only on subsampled chroma (CfL_Prediction, KrigBilateral:
 * `//!WHEN CHROMA.w LUMA.w <`): true at 4:2:0, false on Kirei's planes, which are made from the
 * decoded RGB picture at full size. The file would silently do less than it says; it is refused.
 */
function subsampledChromaPass(file: HookFile): HookFile['passes'][number] | undefined {
  const holds = (chroma: { width: number; height: number }, when: NonNullable<HookFile['passes'][number]['when']>): boolean | null => {
    try {
      const full = { width: 1920, height: 1080 };
      return (
        evaluateRpn(when, {
          size: (texture) => (texture === 'CHROMA' ? chroma : full),
          variable: (name) => file.parameters.find((parameter) => parameter.name === name)?.value ?? null,
        }) !== 0
      );
    } catch {
      return null;
    }
  };
  return file.passes.find((pass) => pass.when !== null && holds({ width: 960, height: 540 }, pass.when) === true && holds({ width: 1920, height: 1080 }, pass.when) === false);
}

/**
 * A chain of mpv shader files as passes of our pipeline, in the order given (as mpv's
 * glsl-shaders list runs them). What the pipeline cannot run yet is refused here, with the file,
 * the line and the reason, before anything reaches the GPU.
 */
export function userShaderPasses(sources: ShaderSource[]): PassDefinition[] {
  const definitions: PassDefinition[] = [];
  const saved = new Set<string>();
  for (const source of sources) {
    let file: HookFile;
    try {
      file = parseHookFile(source.text);
    } catch (error) {
      if (error instanceof HookFileError) throw new UserShaderError(source.name, error.line, error.reason);
      throw error;
    }
    const subsampled = subsampledChromaPass(file);
    if (subsampled) {
      throw new UserShaderError(
        source.name,
        subsampled.line,
        `“${subsampled.description ?? 'a pass'}” runs only on subsampled (4:2:0) chroma (//!WHEN ${subsampled.when?.source ?? ''}); Kirei’s chroma is full size, made from the decoded RGB picture, so this file is not applicable here`,
      );
    }
    const textures = new Map(file.textures.map((texture) => [texture.name, fileTexture(texture)]));
    const parameters = file.parameters.map((parameter) => withViewerValue(parameter, source.parameters?.[parameter.name]));
    const defines = parameters.map((parameter): [string, string] => [parameter.name, glslValue(parameter)]);
    // What WHEN, WIDTH and HEIGHT read by name: the parameters at the values the GLSL gets.
    const variables = Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.type === 'float' ? parameter.value : Math.trunc(parameter.value)]));
    for (const pass of file.passes) {
      const name = pass.description ?? `${source.name} pass ${file.passes.indexOf(pass) + 1}`;
      // mpv accumulates offsets on the hooked texture and undoes them in its next scaler (the
      // planner carries them there). After the scaler nothing would undo them.
      const scaled = pass.hooks.find((stage) => scaledStages.has(stage));
      if (pass.offset && pass.offset !== 'align' && scaled && (pass.offset.x !== 0 || pass.offset.y !== 0)) {
        throw new UserShaderError(source.name, pass.line, `“${name}” shifts its result by ${pass.offset.x}, ${pass.offset.y} pixels (//!OFFSET) at ${scaled}, after the scaler, where no later scaler undoes the shift`);
      }
      const hook = pass.hooks.find((candidate) => !supportedHooks.has(candidate));
      if (hook) {
        const why = missingStages[hook];
        throw new UserShaderError(source.name, pass.line, why ? `“${name}” hooks ${hook}, ${why}` : `“${name}” hooks ${hook}, which is not a stage of mpv’s (Kirei runs ${hookStages.join(', ')})`);
      }
      // PREKERNEL, the picture before the scaler, stays readable by the hooks after it.
      const afterScaler = pass.hooks.every((stage) => scaledStages.has(stage));
      const unknown = pass.binds.find((bind) => !builtInTextures.has(bind) && !saved.has(bind) && !textures.has(bind) && !(afterScaler && bind === 'PREKERNEL'));
      if (unknown) throw new UserShaderError(source.name, pass.line, `“${name}” reads ${unknown}, which no earlier pass saved and Kirei does not provide`);
      for (const hooked of pass.hooks) {
        // The hooked texture: a plane for LUMA and CHROMA hooks, the picture for the others.
        const target = planeStages.has(hooked) ? hooked : 'MAIN';
        definitions.push({
          description: name,
          hook: stageOf(hooked),
          inputs: pass.binds.filter((bind) => !textures.has(bind)).map((bind) => (bind === 'HOOKED' ? target : bind === 'MAINPRESUB' ? 'MAIN' : bind)),
          output: pass.save ?? target,
          // Replaced by the expressions below; kept for what reads only the simple rule.
          size: { reference: 'MAIN', scale: 1 },
          when: [],
          components: (pass.components ?? 4) as 1 | 2 | 3 | 4,
          program: {
            kind: 'user',
            file: source.name,
            hook: hooked,
            body: pass.body,
            bodyLine: pass.bodyLine,
            binds: pass.binds,
            defines,
            textures: pass.binds.flatMap((bind) => textures.get(bind) ?? []),
            compute: pass.compute,
          },
          expressions: { width: pass.width, height: pass.height, when: pass.when, variables },
          ...(pass.offset ? { offset: pass.offset } : {}),
        });
      }
      if (pass.save) saved.add(pass.save);
    }
  }
  return definitions;
}
