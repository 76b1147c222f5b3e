import { init, NagaError, parseGlsl, translate, validate, writeGlsl } from 'naga-wasm';

/**
 * naga (wgpu's shader translator, as WebAssembly) for mpv shader files: WGSL for WebGPU, and
 * GLSL ES for WebGL2 where the file relies on desktop GLSL. Some GLSL that every desktop
 * compiler takes naga's reader refuses; it is rewritten here the way naga reads it.
 */

let ready: Promise<void> | null = null;

/** naga's WebAssembly, loaded once, when the first mpv shader file needs it. */
export function loadTranslator(): Promise<void> {
  ready ??= init().then(() => undefined);
  return ready;
}

/** A loop condition that starts with a constructor (`for (int i = 2; float(i) < size; i++)`), which naga reads as a declaration: in parentheses. */
export function parenthesisedLoopConditions(glsl: string): string {
  return glsl.replace(/\bfor\s*\(([^;()]*(?:\([^;()]*\)[^;()]*)*);(\s*)((?:float|u?int|bool|[biu]?vec[234]|mat[234])\s*\([^;]*);/g, (_loop, start: string, space: string, condition: string) => `for (${start};${space}(${condition});`);
}

/**
 * A `switch` whose every case returns (`case 0: return p; case 1: return -p;`), which naga reads
 * as cases falling through: the same as a chain of `if`s.
 */
export function returningSwitches(glsl: string): string {
  return glsl.replace(/\bswitch\s*\(((?:[^()]|\([^()]*\))*)\)\s*\{((?:\s*case\s+[^:;{}]+:\s*return\b[^;{}]*;)+)\s*\}/g, (_switch, value: string, cases: string) => {
    const chain = [...cases.matchAll(/case\s+([^:;{}]+):\s*(return\b[^;{}]*;)/g)].map(([, label = '', statement = '']) => `if ((${value}) == (${label.trim()})) ${statement}`);
    return `{ ${chain.join(' ')} }`;
  });
}

const returnTypes = /^[ \t]*((?:float|u?int|bool|[biu]?vec[234]|mat[234](?:x[234])?))[ \t]+\w+[ \t]*\([^;{}]*\)\s*\{/gm;

/**
 * A closing `return TYPE(0);` for every function that returns a value. GLSL lets a function run
 * off its end (the value is then undefined, and the files that do so never reach it: a `switch`
 * whose cases all return); naga refuses such a function.
 */
export function closingReturns(glsl: string): string {
  const insertions: { at: number; text: string }[] = [];
  for (let match = returnTypes.exec(glsl); match; match = returnTypes.exec(glsl)) {
    let depth = 1;
    let index = returnTypes.lastIndex;
    for (; index < glsl.length && depth > 0; index++) {
      if (glsl[index] === '{') depth++;
      else if (glsl[index] === '}') depth--;
    }
    // Unbalanced: the rest is this function's, and naga will name the line.
    if (depth !== 0) break;
    insertions.push({ at: index - 1, text: ` return ${match[1]}(0); ` });
    returnTypes.lastIndex = index;
  }
  returnTypes.lastIndex = 0;
  let result = glsl;
  for (const { at, text } of insertions.reverse()) result = result.slice(0, at) + text + result.slice(at);
  return result;
}

/** GLSL 4.50 to WGSL through naga; a message from naga as it formats it, naming the line. */
export function glslToWgsl(glsl: string, stage: 'fragment' | 'compute'): string {
  return throughNaga(glsl, (text) => translate({ from: 'glsl', source: text, parse: { stage }, to: 'wgsl' }));
}

/** A fragment shader in GLSL 4.50 as GLSL ES 3.00, with naga's names for its bindings (`_group_0_binding_<n>_fs`). */
export function glslToEssl(glsl: string): string {
  return throughNaga(glsl, (text) => {
    const module = parseGlsl(text, { stage: 'fragment' });
    return writeGlsl(module, validate(module), { version: '300 es', stage: 'fragment', entryPoint: 'main' });
  });
}

function throughNaga(glsl: string, run: (text: string) => string): string {
  let source = returningSwitches(parenthesisedLoopConditions(glsl));
  let closed = false;
  // Each retry mends one thing naga named; a file with more than a few is left to its message.
  for (let attempt = 0; ; attempt++) {
    try {
      return run(source);
    } catch (error) {
      const message = error instanceof NagaError ? error.formatted : '';
      const returns: boolean = !closed && /does not match the declared return type/.test(message);
      const mended = attempt >= 16 ? null : returns ? closingReturns(source) : splatModulo(source, message);
      if (mended === null) throw new Error(message || String(error), { cause: error });
      closed ||= returns;
      source = mended;
    }
  }
}

const vectorTypes: Record<string, string> = { Sint: 'ivec', Uint: 'uvec', Float: 'vec' };
const vectorSizes: Record<string, number> = { Bi: 2, Tri: 3, Quad: 4 };

/**
 * `position % 2` with a vector on one side: GLSL applies the scalar to each component, naga's
 * reader refuses it. The expression naga underlines gets its scalar as a vector.
 */
function splatModulo(source: string, message: string): string | null {
  const types = /Operation Modulo can't work with \[\d+\] \(of type (Vector \{ size: (\w+), scalar: Scalar \{ kind: (\w+)|Scalar)[^)]*\)+ and \[\d+\] \(of type (Vector \{ size: (\w+), scalar: Scalar \{ kind: (\w+)|Scalar)/.exec(message);
  // The underlined source line; the expression's carets are the last on their line.
  const located = /^\s*(\d+) │ (.*)\n\s*│ (.*?)(\^+) naga::ir::Expression/m.exec(message);
  if (!types || !located) return null;
  const [, , leftSize, leftKind, , rightSize, rightKind] = types;
  const size = vectorSizes[leftSize ?? rightSize ?? ''];
  const type = vectorTypes[leftKind ?? rightKind ?? ''];
  const lines = source.split('\n');
  const lineIndex = Number(located[1]) - 1;
  const line = lines[lineIndex];
  const start = located[3]?.length ?? 0;
  const expression = line?.slice(start, start + (located[4]?.length ?? 0)) ?? '';
  const operator = expression.lastIndexOf('%');
  if (!size || !type || line === undefined || operator < 0) return null;
  const left = expression.slice(0, operator).trim();
  const right = expression.slice(operator + 1).trim();
  const splatted = leftSize ? `${left} % ${type}${size}(${right})` : `${type}${size}(${left}) % ${right}`;
  lines[lineIndex] = line.slice(0, start) + splatted + line.slice(start + expression.length);
  return lines.join('\n');
}
