import { applySizeRule, conditionsHold } from './conditions';
import type { HookStage, Offset, PassDefinition, Size } from './model';
import { hookStages } from './model';
import { evaluateRpn } from './userShaders/rpn';

/** A texture of the plan: the source (id 0) or a pass's result, with the slot it lives in. */
export interface PlannedTexture {
  id: number;
  width: number;
  height: number;
  /** Physical texture it occupies; textures whose lifetimes do not overlap share slots. */
  slot: number;
  /** The shift `//!OFFSET` passes left in it (its own pixels): the next scaler samples that much further. */
  offset: Offset;
}

export interface PlannedPass {
  definition: PassDefinition;
  inputs: PlannedTexture[];
  output: PlannedTexture;
  /** Multiply-accumulates this pass costs per frame (convolutions only; the rest is small). */
  macs: number;
}

export interface Plan {
  passes: PlannedPass[];
  /** The image after every pass, at `result.width × result.height`, ready for the final scaler. */
  result: PlannedTexture;
  slots: Size[];
  macsPerFrame: number;
  /** The source and the output rectangle it was planned for (user shaders read them as input_size, target_size). */
  native: Size;
  output: Size;
}

export const sourceTextureId = 0;

/**
 * The largest texture a pass may draw: what every WebGPU adapter allows (WebGL2's are at least as
 * large on any GPU that plays 4K). A shader whose size expressions ask for more is refused.
 */
export const planLimits = { side: 8192 } as const;

/**
 * Turns a preset and the sizes of the source and the output into concrete passes, the way mpv
 * runs user-shader hooks: MAIN passes in order, each only if its WHEN holds against the current
 * image, then PREKERNEL passes on the final image. Pure; backends run what it returns.
 */
export function planPasses(definitions: PassDefinition[], nativeSize: Size, outputSize: Size, finalScaler: ScaleProgram['scaler'] = 'bilinear'): Plan {
  // Copy the sizes: callers pass textures whose sizes are getters (GPUTexture), which do not spread.
  const native = { width: nativeSize.width, height: nativeSize.height };
  const output = { width: outputSize.width, height: outputSize.height };
  const textures: PlannedTexture[] = [{ id: sourceTextureId, width: native.width, height: native.height, slot: -1, offset: noOffset }];
  const named = new Map<string, PlannedTexture>();
  let main = textures[0] as PlannedTexture;
  /** mpv's NATIVE: the picture once its planes are merged, before the hooks on it (the source until then). */
  let nativeTexture = main;
  let nativeFixed = false;
  const planned: { definition: PassDefinition; inputs: PlannedTexture[]; output: PlannedTexture }[] = [];

  const resolve = (name: string): PlannedTexture => {
    const texture = name === 'MAIN' || name === 'HOOKED' ? main : name === 'NATIVE' || name === 'NATIVE_CROPPED' ? nativeTexture : named.get(name);
    if (!texture) throw new Error(`A pass reads "${name}", which no earlier pass wrote.`);
    return texture;
  };

  const ordered = hookStages.flatMap((stage) => definitions.filter((definition) => definition.hook === stage));
  // Hooks after the scaler see the picture at the output size: the scaler becomes a pass of the
  // plan, right after the last stage before it, and the image it read stays bound as PREKERNEL.
  const firstScaled = ordered.findIndex((definition) => afterScaler.has(definition.hook));
  const scaler = firstScaled >= 0 ? scalerPass(finalScaler) : null;
  if (scaler) ordered.splice(firstScaled, 0, scaler);
  // A decoder's planes, for hooks on them: made from the RGB picture (after the RGB hooks, which
  // hook the decoded picture as an RGB source's plane), merged back into it after the last plane
  // hook (at LUMA's size, which a hook may have doubled).
  const rgbHooks = ordered.filter((definition) => definition.hook === 'RGB').length;
  const planeHooks = ordered.filter((definition) => planeStages.has(definition.hook)).length;
  const readsPlanes = ordered.some((definition) => definition.inputs.some((input) => input === 'LUMA' || input === 'CHROMA'));
  if (planeHooks > 0 || readsPlanes) {
    if (planeHooks > 0) ordered.splice(rgbHooks + planeHooks, 0, planesPass('planes-merge'));
    ordered.splice(rgbHooks, 0, planesPass('luma'), planesPass('chroma'));
  }
  /** The texture the current pass hooks: a plane for LUMA and CHROMA hooks, else the picture. */
  let hooked = main;
  let variables: Record<string, number> | undefined;
  // The stage a pass hooks is also its hooked texture by name, as libplacebo has it ("POSTKERNEL.h").
  let stage: string = 'MAIN';
  /** What a user shader's expressions may read: every texture so far by name, and the parameters. */
  const scope = {
    size: (name: string): Size | null =>
      name === 'OUTPUT'
        ? output
        : name === 'HOOKED' || name === stage
          ? hooked
          : name === 'MAIN' || name === 'MAINPRESUB'
            ? main
            : name === 'NATIVE' || name === 'NATIVE_CROPPED'
              ? nativeTexture
              : (named.get(name) ?? null),
    // The //!PARAM values of the file whose pass is planned now.
    variable: (name: string): number | null => variables?.[name] ?? null,
  };
  for (const listed of ordered) {
    let definition = listed;
    if (!nativeFixed && !sourceStages.has(definition.hook) && definition.program.kind !== 'planes' && definition.program.kind !== 'planes-merge') {
      nativeTexture = main;
      nativeFixed = true;
    }
    hooked = planeStages.has(definition.hook) ? (named.get(definition.hook) ?? main) : main;
    stage = definition.hook;
    const { expressions } = definition;
    variables = expressions?.variables;
    if (expressions ? expressions.when !== null && evaluateRpn(expressions.when, scope) === 0 : !conditionsHold(definition.when, { output, main, native })) continue;
    if (definition === scaler) named.set('PREKERNEL', main);
    const inputs = definition.inputs.map(resolve);
    const reference =
      definition.size.reference === 'OUTPUT' ? output : definition.size.reference === 'NATIVE' ? native : resolve(definition.size.reference);
    const size = expressions ? expressionSize(expressions, scope, hooked) : applySizeRule(definition.size, reference);
    if (size.width > planLimits.side || size.height > planLimits.side) {
      throw new Error(`“${definition.description}” would draw a ${size.width}×${size.height} picture here; Kirei draws at most ${planLimits.side} pixels a side`);
    }
    const placed = placeOffsets(definition, size, hooked, named);
    definition = placed.definition;
    const texture: PlannedTexture = { id: textures.length, ...size, slot: -1, offset: placed.offset };
    textures.push(texture);
    if (definition.output === 'MAIN') main = texture;
    else named.set(definition.output, texture);
    planned.push({ definition, inputs, output: texture });
  }

  const slots = assignSlots(planned, main);
  const passes = planned.map((pass) => ({ ...pass, macs: macsOf(pass.definition, pass.output) }));
  return { passes, result: main, slots, macsPerFrame: passes.reduce((sum, pass) => sum + pass.macs, 0), native, output };
}

type ScaleProgram = Extract<PassDefinition['program'], { kind: 'scale' }>;
const noOffset: Offset = { x: 0, y: 0 };
const shifted = (offset: Offset): boolean => offset.x !== 0 || offset.y !== 0;

/**
 * The shift a pass leaves in its result, as libplacebo moves a texture's rectangle: what the
 * hooked texture carried, scaled with the pass's size, plus the pass's own `//!OFFSET` (ALIGN
 * lines it up with the picture again). The passes that undo shifts get them as constants: the
 * scaler samples the shifted picture where it lies, and the planes' merge lines chroma up with
 * luma and keeps luma's shift for the scaler after it.
 */
function placeOffsets(definition: PassDefinition, size: Size, hooked: PlannedTexture, named: Map<string, PlannedTexture>): { definition: PassDefinition; offset: Offset } {
  const { program } = definition;
  if (program.kind === 'planes') return { definition, offset: noOffset };
  if (program.kind === 'scale') {
    return { definition: shifted(hooked.offset) ? { ...definition, program: { ...program, shift: hooked.offset } } : definition, offset: noOffset };
  }
  if (program.kind === 'planes-merge') {
    const luma = named.get('LUMA');
    const chroma = named.get('CHROMA');
    if (!luma || !chroma) return { definition, offset: noOffset };
    const chromaShift = { x: chroma.offset.x - (luma.offset.x * chroma.width) / luma.width, y: chroma.offset.y - (luma.offset.y * chroma.height) / luma.height };
    return { definition: shifted(chromaShift) ? { ...definition, program: { ...program, chromaShift } } : definition, offset: luma.offset };
  }
  if (definition.offset === 'align') {
    // Chroma lines up with luma, the reference plane, wherever luma now lies; the rest with the picture.
    const luma = named.get('LUMA');
    const aligned = definition.hook === 'CHROMA' && luma ? { x: (luma.offset.x * size.width) / luma.width, y: (luma.offset.y * size.height) / luma.height } : noOffset;
    return { definition, offset: aligned };
  }
  const own = definition.offset ?? noOffset;
  return {
    definition,
    offset: { x: (hooked.offset.x * size.width) / hooked.width + own.x, y: (hooked.offset.y * size.height) / hooked.height + own.y },
  };
}

const afterScaler = new Set<HookStage>(['POSTKERNEL', 'SCALED', 'PREOUTPUT', 'OUTPUT']);
const planeStages = new Set<HookStage>(['LUMA', 'CHROMA']);
/** The stages on the source's planes, before they are merged into the picture mpv calls NATIVE. */
const sourceStages = new Set<HookStage>(['RGB', 'LUMA', 'CHROMA']);

/** A plane made from the RGB picture, or the planes merged back into it. */
function planesPass(kind: 'luma' | 'chroma' | 'planes-merge'): PassDefinition {
  if (kind === 'planes-merge') {
    return { description: 'Planes to RGB', hook: 'MAIN', inputs: ['LUMA', 'CHROMA'], output: 'MAIN', size: { reference: 'LUMA', scale: 1 }, when: [], components: 3, program: { kind: 'planes-merge' } };
  }
  return {
    description: kind === 'luma' ? 'LUMA plane' : 'CHROMA planes',
    hook: 'LUMA',
    inputs: ['MAIN'],
    output: kind === 'luma' ? 'LUMA' : 'CHROMA',
    size: { reference: 'MAIN', scale: 1 },
    when: [],
    components: kind === 'luma' ? 1 : 2,
    program: { kind: 'planes', plane: kind },
  };
}

/** The scaler to the output rectangle, as a pass of the plan. */
function scalerPass(scaler: ScaleProgram['scaler']): PassDefinition {
  return { description: 'Scale to the output', hook: 'POSTKERNEL', inputs: ['MAIN'], output: 'MAIN', size: { reference: 'OUTPUT', scale: 1 }, when: [], components: 4, program: { kind: 'scale', scaler } };
}

/** mpv's WIDTH/HEIGHT: rounded to a whole pixel, never below one; the hooked texture's size when absent. */
function expressionSize(expressions: NonNullable<PassDefinition['expressions']>, scope: Parameters<typeof evaluateRpn>[1], hooked: Size): Size {
  const width = expressions.width ? evaluateRpn(expressions.width, scope) : hooked.width;
  const height = expressions.height ? evaluateRpn(expressions.height, scope) : hooked.height;
  if (!Number.isFinite(width) || !Number.isFinite(height)) throw new Error(`a pass's size is not a number (${width}×${height})`);
  return { width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(height)) };
}

/** Reuses a slot once the last pass reading its texture has run; the result is never reused. */
function assignSlots(passes: { inputs: PlannedTexture[]; output: PlannedTexture }[], result: PlannedTexture): Size[] {
  const lastUse = new Map<number, number>();
  passes.forEach((pass, index) => {
    for (const input of pass.inputs) lastUse.set(input.id, index);
  });
  lastUse.set(result.id, Number.POSITIVE_INFINITY);
  const slots: Size[] = [];
  const free: number[] = [];
  passes.forEach((pass, index) => {
    const fitting = free.findIndex((slot) => slots[slot]?.width === pass.output.width && slots[slot]?.height === pass.output.height);
    if (fitting >= 0) {
      pass.output.slot = free[fitting] as number;
      free.splice(fitting, 1);
    } else {
      pass.output.slot = slots.length;
      slots.push({ width: pass.output.width, height: pass.output.height });
    }
    const released = new Set<number>();
    for (const input of pass.inputs) {
      if (input.slot >= 0 && lastUse.get(input.id) === index && !released.has(input.slot)) {
        released.add(input.slot);
        free.push(input.slot);
      }
    }
    // A result nobody reads (possible when a pass's WHEN skipped its reader) frees at once.
    if (!lastUse.has(pass.output.id)) free.push(pass.output.slot);
  });
  return slots;
}

function macsOf(definition: PassDefinition, output: Size): number {
  if (definition.program.kind !== 'conv') return 0;
  return definition.program.layer.terms.length * 16 * output.width * output.height;
}

/** Plans are cached per preset and sizes; a resize or a new source plans again. */
export class PlanCache {
  private key = '';
  private plan: Plan | null = null;

  get(definitions: PassDefinition[], presetKey: string, native: Size, output: Size): Plan {
    const key = `${presetKey}|${native.width}x${native.height}|${output.width}x${output.height}`;
    if (!this.plan || key !== this.key) {
      this.plan = planPasses(definitions, native, output);
      this.key = key;
    }
    return this.plan;
  }

  clear(): void {
    this.plan = null;
    this.key = '';
  }
}
