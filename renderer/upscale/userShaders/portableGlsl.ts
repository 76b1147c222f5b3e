/**
 * GLSL that mpv's renderer accepts (libplacebo compiles user shaders as GLSL 4.50 for Vulkan or
 * desktop OpenGL) but that WebGL2's GLSL ES 3.00 or naga's GLSL reader lack, written as what
 * both have, so the shader files people keep run unchanged. The rewrites keep lines where they
 * were (so the compilers' messages name the user's line), but for two lines after each global
 * that is initialised at the start of main().
 */

/**
 * Explicit 16-bit arithmetic (`float16_t`, `f16vec4`, `f16mat4`, enabled by its extension) as
 * 32-bit: neither WebGL2 nor an adapter without `shader-f16` has 16-bit types, and the same
 * arithmetic at full precision only comes closer to the network's own values. (Files that guard
 * the types with `#ifdef` of the extension already take their 32-bit branch.)
 */
function fullPrecision(body: string): string {
  return body
    .replace(/^[ \t]*#[ \t]*extension[ \t]+GL_EXT_shader_explicit_arithmetic_types(?:_float16)?\b.*$/gm, '')
    .replace(/\bfloat16_t\b/g, 'float')
    .replace(/\bf16(vec[234]|mat[234](?:x[234])?)\b/g, '$1');
}

/** A call's arguments, split at its top-level commas; `end` is the index past its closing parenthesis. */
function callArguments(text: string, open: number): { parts: string[]; end: number } | null {
  const parts: string[] = [];
  let depth = 1;
  let start = open;
  for (let index = open; index < text.length; index++) {
    const character = text[index];
    if (character === '(' || character === '[') depth++;
    else if (character === ')' || character === ']') depth--;
    if (depth === 0) {
      parts.push(text.slice(start, index));
      return { parts, end: index + 1 };
    }
    if (character === ',' && depth === 1) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  return null;
}

/**
 * `textureGather(NAME_raw, pos[, c])` and `textureGatherOffset(NAME_raw, pos, offset[, c])` as
 * calls of the bound texture's own gather (see `gatherFunctions`): GLSL ES 3.00 has neither
 * built-in, and naga's reader has no `textureGatherOffset`. RAVU's and NNEDI3's "gather"
 * variants call them directly. A call on anything but a bound texture is left for the compiler
 * to name.
 */
function gathersOfBoundTextures(body: string): string {
  let result = '';
  let index = 0;
  const call = /\btextureGather(Offset)?\s*\(/g;
  for (let match = call.exec(body); match; match = call.exec(body)) {
    const found = callArguments(body, call.lastIndex);
    // Unbalanced: nothing after it can be read as a call either.
    if (!found) break;
    const [sampler = '', position, ...rest] = found.parts;
    const texture = /^\s*(\w+)_raw\s*$/.exec(sampler)?.[1];
    const offset = match[1] ? rest[0] : 'ivec2(0)';
    const component = (match[1] ? rest[1] : rest[0]) ?? '0';
    // Each call's text is read once, rewritten or not, so no file can make this quadratic.
    call.lastIndex = found.end;
    if (!texture || position === undefined || offset === undefined) continue;
    result += `${body.slice(index, match.index)}kireiGather${texture}(${position.trim()}, ${offset.trim()}, ${component.trim()})`;
    index = found.end;
  }
  return result + body.slice(index);
}

const typeNames = /^(?:(?:highp|mediump|lowp)\s+)?(?:float|u?int|bool|[biu]?vec[234]|mat[234](?:x[234])?)$/;

/**
 * `type name = value` after any whitespace and comments, when the value reads a name (not only
 * literals) and declares one variable only ("float a = f(), b = g();" is left as it is). Read
 * without backtracking: the file is the viewer's, and may be built to stall a regular expression.
 */
function globalDeclaration(statement: string): { space: string; type: string; name: string; value: string } | null {
  let start = 0;
  for (;;) {
    while (start < statement.length && /\s/.test(statement[start] ?? '')) start++;
    if (statement.startsWith('//', start)) start = statement.includes('\n', start) ? statement.indexOf('\n', start) + 1 : statement.length;
    else if (statement.startsWith('/*', start)) start = statement.includes('*/', start + 2) ? statement.indexOf('*/', start + 2) + 2 : statement.length;
    else break;
  }
  const equals = statement.indexOf('=', start);
  if (equals < 0 || statement[equals + 1] === '=') return null;
  const words = statement.slice(start, equals).trim().split(/\s+/);
  const name = words.pop() ?? '';
  const type = words.join(' ');
  const value = statement.slice(equals + 1);
  if (!/^[A-Za-z_]\w*$/.test(name) || !typeNames.test(type)) return null;
  const readsNames = value.replace(/\b\d[\w.]*|\.\d\w*/g, '').match(/[A-Za-z_]\w*/g)?.some((word) => !typeNames.test(word)) ?? false;
  const single = callArguments(`${value})`, 0)?.parts.length === 1;
  return readsNames && single ? { space: statement.slice(0, start), type, name, value } : null;
}

/**
 * Globals initialised from the picture (`vec4 color = HOOKED_texOff(vec2(0.0));` before hook()),
 * which desktop GLSL compilers run at the start of main() and GLSL ES refuses (naga even drops
 * the initialiser and reads zero): declared where they were, initialised at the start of main()
 * by `prologue`, in their order and under the same `#if`s. Initialisers of literals stay.
 */
function hoistedGlobals(body: string): { body: string; prologue: string } {
  const hoisted: string[] = [];
  let result = '';
  let statementStart = 0;
  let depth = 0;
  for (let index = 0; index < body.length; index++) {
    const character = body[index];
    const lineStart = index === 0 || body[index - 1] === '\n';
    if (depth === 0 && lineStart && /^[ \t]*#/.test(body.slice(index, index + 64))) {
      // A preprocessor line (with its continuations) is not part of a statement.
      let end = index;
      while (end < body.length && (body[end] !== '\n' || body[end - 1] === '\\')) end++;
      result += body.slice(statementStart, end);
      statementStart = end;
      index = end - 1;
      continue;
    }
    if (character === '{') depth++;
    else if (character === '}') depth--;
    else if (character === ';' && depth === 0) {
      const statement = body.slice(statementStart, index);
      const declaration = globalDeclaration(statement);
      if (declaration) {
        const { space, type, name, value } = declaration;
        // Numbered, not named: a name may start with an underscore, and GLSL ES reserves "__".
        result += `${space}${type} ${name}; void kireiGlobal${hoisted.length}() { ${name} = ${value.trim()}; }\n#define KIREI_GLOBAL${hoisted.length}\n`;
        hoisted.push(name);
      } else {
        result += `${statement};`;
      }
      statementStart = index + 1;
    }
    if (character === '}' && depth === 0) {
      result += body.slice(statementStart, index + 1);
      statementStart = index + 1;
    }
  }
  result += body.slice(statementStart);
  const prologue = hoisted.map((_name, index) => `#ifdef KIREI_GLOBAL${index}\n  kireiGlobal${index}();\n#endif`).join('\n');
  return { body: result, prologue };
}

/** A user pass's body as both WebGL2 and naga read it, and what main() runs before hook(). */
export function portableHook(body: string): { body: string; prologue: string } {
  return hoistedGlobals(gathersOfBoundTextures(fullPrecision(body)));
}

/**
 * A bound texture's gather with an offset, from four fetches in textureGather's order (i0j1,
 * i1j1, i1j0, i0j0), clamped to the edge as the texture is; `NAME_gather(pos, c)`, libplacebo's
 * helper, is the same scaled by `NAME_mul`. `size` is an `ivec2` expression of the texture's size.
 */
export function gatherFunctions(name: string, sampler: string, size: string): string {
  return [
    `vec4 kireiGather${name}(vec2 pos, ivec2 offset, int c) {`,
    `  ivec2 size = ${size};`,
    // A position at a texel's centre lands a rounding error away from a whole number: a GPU
    // snaps coordinates to 1/256 of a texel before it picks the four, and so does this.
    `  ivec2 base = ivec2(floor(pos * vec2(size) - 0.5 + 1.0 / 512.0)) + offset;`,
    `  ivec2 last = size - 1;`,
    `  vec4 a = texelFetch(${sampler}, clamp(base + ivec2(0, 1), ivec2(0), last), 0);`,
    `  vec4 b = texelFetch(${sampler}, clamp(base + ivec2(1, 1), ivec2(0), last), 0);`,
    `  vec4 d = texelFetch(${sampler}, clamp(base + ivec2(1, 0), ivec2(0), last), 0);`,
    `  vec4 e = texelFetch(${sampler}, clamp(base, ivec2(0), last), 0);`,
    `  return vec4(a[c], b[c], d[c], e[c]);`,
    `}`,
    `vec4 ${name}_gather(vec2 pos, int c) { return ${name}_mul * kireiGather${name}(pos, ivec2(0), c); }`,
  ].join('\n');
}

/**
 * libplacebo's `linearize()` and `delinearize()`: the picture's transfer function and back. The
 * browser decodes SDR video, which libplacebo reads as BT.1886 on a display of 1000:1 contrast
 * (white 1.0, black 0.001); that curve, as mpv's renderer writes it. Defined only for a body that
 * calls them, and as macros, as libplacebo has them: a file that brings its own under
 * `#ifndef linearize` keeps it out of the way.
 */
export function colourFunctions(body: string): string {
  if (!/\b(?:de)?linearize\b/.test(body)) return '';
  const scale = '0.870310544967651';
  const lift = '0.059584837406874';
  return [
    `vec4 kireiLinearize(vec4 color) { color.rgb = ${scale} * pow(max(color.rgb, vec3(0.0)) + vec3(${lift}), vec3(2.4)); return color; }`,
    `vec4 kireiDelinearize(vec4 color) { color.rgb = pow(max(color.rgb, vec3(0.0)) / ${scale}, vec3(1.0 / 2.4)) - vec3(${lift}); return color; }`,
    '#define linearize kireiLinearize',
    '#define delinearize kireiDelinearize',
  ].join('\n');
}
