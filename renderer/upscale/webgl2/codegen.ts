import type { Offset, PassDefinition } from '../model';
import { foldNegativeHalves } from '../crelu';
import type { ConvLayer } from '../networks';
import { scalerIndex, scalerRadius } from '../scalers';
import { classicDirections, classicMargin, lumaWeights } from '../reference/programs';
import { userFragmentSource } from './userCodegen';

/**
 * Turns a pass program into a GLSL ES 3.00 fragment shader. Inputs are bound as u_input0…n in the
 * pass's input order; u_size<i> is each input's size. Every tap is a texelFetch clamped to the
 * edge, the arithmetic mirrors reference/programs.ts.
 */
export function fragmentSource(definition: PassDefinition): string {
  const program = definition.program;
  if (program.kind === 'user') return userFragmentSource(definition, program);
  const inputCount = definition.inputs.length;
  const header = [
    '#version 300 es',
    `// ${definition.description}`,
    'precision highp float;',
    'precision highp int;',
    ...Array.from({ length: inputCount }, (_, index) => `uniform highp sampler2D u_input${index};\nuniform ivec2 u_size${index};`),
    'uniform ivec2 u_outputSize;',
    'out vec4 fragColor;',
    helpers(inputCount),
  ].join('\n');
  return `${header}\n${body()}`;
  function body(): string {
    switch (program.kind) {
      case 'conv':
        return convBody(program.layer);
      case 'depth-to-space':
        return depthToSpaceBody(program.channels);
      case 'luma-max':
        return lumaMaxBody(program.axis, program.radius);
      case 'clamp-luma':
        return clampBody();
      case 'bilinear':
        return `void main() {\n  ivec2 p = ivec2(gl_FragCoord.xy);\n  fragColor = bilinear0(sourcePosition(p, u_size0));\n}`;
      case 'scale':
        return scaleBody(scalerIndex[program.scaler], scalerRadius[program.scaler], program.shift);
      case 'classic-upscale':
        return `void main() {\n  vec4 c = bilinear0(sourcePosition(ivec2(gl_FragCoord.xy), u_size0));\n  fragColor = vec4(c.rgb, luma(c));\n}`;
      case 'classic-thin':
        return classicBody('thin', program.strength);
      case 'classic-gradient':
        return gradientBody();
      case 'classic-push':
        return classicBody('push', program.strength);
      case 'user':
        throw new Error('user passes have their own source');
      case 'planes':
        return planesBody(program.plane);
      case 'planes-merge':
        return mergeBody(program.chromaShift);
    }
  }
}

function helpers(inputCount: number): string {
  const fetchers = Array.from(
    { length: inputCount },
    (_, index) =>
      `vec4 fetch${index}(ivec2 p) { return texelFetch(u_input${index}, clamp(p, ivec2(0), u_size${index} - 1), 0); }\n` +
      `vec4 bilinear${index}(vec2 s) {\n` +
      `  vec2 f = s - floor(s); ivec2 i = ivec2(floor(s));\n` +
      `  vec4 top = mix(fetch${index}(i), fetch${index}(i + ivec2(1, 0)), f.x);\n` +
      `  vec4 bottom = mix(fetch${index}(i + ivec2(0, 1)), fetch${index}(i + ivec2(1, 1)), f.x);\n` +
      `  return mix(top, bottom, f.y);\n}`,
  ).join('\n');
  return [
    fetchers,
    // Position of this output pixel's centre in an input's texel space (texel centres at integers).
    'vec2 sourcePosition(ivec2 p, ivec2 size) { return (vec2(p) + 0.5) * vec2(size) / vec2(u_outputSize) - 0.5; }',
    `float luma(vec4 c) { return dot(c.rgb, vec3(${lumaWeights.map(literal).join(', ')})); }`,
  ].join('\n');
}

function literal(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`weight ${value} is not finite`);
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

function convBody(unfolded: ConvLayer): string {
  const layer = foldNegativeHalves(unfolded);
  const lines = ['void main() {', '  ivec2 p = ivec2(gl_FragCoord.xy);', `  vec4 result = vec4(${layer.bias.map(literal).join(', ')});`, '  vec4 t;', '  vec4 x;'];
  // Group terms by tap so each texel is fetched once for both CReLU halves.
  const byTap = new Map<string, typeof layer.terms>();
  for (const term of layer.terms) {
    const key = `${term.input},${term.dx},${term.dy}`;
    byTap.set(key, [...(byTap.get(key) ?? []), term]);
  }
  for (const [key, terms] of byTap) {
    const [input, dx, dy] = key.split(',').map(Number);
    lines.push(`  t = fetch${input}(p + ivec2(${dx}, ${dy}));`);
    for (const term of terms) {
      const value = term.sign === 'identity' ? 't' : term.sign === 'positive' ? 'max(t, 0.0)' : 'max(-t, 0.0)';
      // The matrix by columns, each a multiply-add into the sum: a mat4 product followed by a
      // sum costs the GPU four more instructions per term.
      lines.push(`  x = ${value};`);
      for (let column = 0; column < 4; column++) {
        lines.push(`  result = vec4(${term.matrix.slice(column * 4, column * 4 + 4).map(literal).join(', ')}) * x.${'xyzw'[column]} + result;`);
      }
    }
  }
  if (layer.residual) lines.push(`  result += fetch${layer.inputs.length}(p);`);
  lines.push('  fragColor = result;', '}');
  return lines.join('\n');
}

function depthToSpaceBody(channels: 1 | 3): string {
  const main = channels;
  const pick = (input: number) => `fetch${input}(p / 2)[subpixel]`;
  return [
    'void main() {',
    '  ivec2 p = ivec2(gl_FragCoord.xy);',
    '  int subpixel = (p.y % 2) * 2 + (p.x % 2);',
    channels === 1 ? `  float r = ${pick(0)}; vec3 residual = vec3(r);` : `  vec3 residual = vec3(${pick(0)}, ${pick(1)}, ${pick(2)});`,
    `  fragColor = vec4(residual + bilinear${main}(sourcePosition(p, u_size${main})).rgb, 1.0);`,
    '}',
  ].join('\n');
}

function lumaMaxBody(axis: 'x' | 'y', radius: number): string {
  const step = axis === 'x' ? 'ivec2(step, 0)' : 'ivec2(0, step)';
  const value = axis === 'x' ? `luma(fetch0(p + ${step}))` : `fetch0(p + ${step}).x`;
  return [
    'void main() {',
    '  ivec2 p = ivec2(gl_FragCoord.xy);',
    '  float maximum = 0.0;',
    `  for (int step = -${radius}; step <= ${radius}; step++) maximum = max(maximum, ${value});`,
    '  fragColor = vec4(maximum, 0.0, 0.0, 0.0);',
    '}',
  ].join('\n');
}

function clampBody(): string {
  return [
    'void main() {',
    '  ivec2 p = ivec2(gl_FragCoord.xy);',
    '  vec4 c = fetch0(p);',
    '  float current = luma(c);',
    '  float limit = bilinear1(sourcePosition(p, u_size1)).x;',
    '  fragColor = vec4(c.rgb - (current - min(current, limit)), c.a);',
    '}',
  ].join('\n');
}

/** A shift in source pixels as a GLSL vec2 (none: zero). */
function shiftLiteral(shift: Offset | undefined): string {
  return `vec2(${literal(shift?.x ?? 0)}, ${literal(shift?.y ?? 0)})`;
}

function scaleBody(kernel: number, radius: number, shift: Offset | undefined): string {
  return [
    'const float PI = 3.14159265358979;',
    'float mitchellNetravali(float x, float b, float c) {',
    '  x = abs(x);',
    '  if (x < 1.0) return ((12.0 - 9.0 * b - 6.0 * c) * x * x * x + (-18.0 + 12.0 * b + 6.0 * c) * x * x + (6.0 - 2.0 * b)) / 6.0;',
    '  if (x < 2.0) return ((-b - 6.0 * c) * x * x * x + (6.0 * b + 30.0 * c) * x * x + (-12.0 * b - 48.0 * c) * x + (8.0 * b + 24.0 * c)) / 6.0;',
    '  return 0.0;',
    '}',
    'float sinc(float x) { if (abs(x) < 1e-5) return 1.0; float a = PI * x; return sin(a) / a; }',
    'float weight(float x) {',
    `  ${kernel === 0 ? 'return max(0.0, 1.0 - abs(x));' : kernel === 1 ? 'return mitchellNetravali(x, 0.0, 0.5);' : kernel === 2 ? 'return mitchellNetravali(x, 1.0 / 3.0, 1.0 / 3.0);' : 'return abs(x) < 3.0 ? sinc(x) * sinc(x / 3.0) : 0.0;'}`,
    '}',
    // Upscaling only (the classic pre-upscale): separable weights evaluated in one 2D pass.
    'void main() {',
    '  ivec2 p = ivec2(gl_FragCoord.xy);',
    // A picture that //!OFFSET passes shifted is sampled where it now lies (mpv's scaler does the same).
    `  vec2 centre = sourcePosition(p, u_size0) + ${shiftLiteral(shift)};`,
    `  ivec2 first = ivec2(ceil(centre - ${literal(radius)}));`,
    `  ivec2 last = ivec2(floor(centre + ${literal(radius)}));`,
    '  vec4 sum = vec4(0.0); float total = 0.0;',
    '  for (int y = first.y; y <= last.y; y++) {',
    '    float wy = weight(float(y) - centre.y);',
    '    vec4 row = vec4(0.0); float rowTotal = 0.0;',
    '    for (int x = first.x; x <= last.x; x++) {',
    '      float wx = weight(float(x) - centre.x);',
    '      row += wx * fetch0(ivec2(x, y));',
    '      rowTotal += wx;',
    '    }',
    '    sum += wy * row / rowTotal;',
    '    total += wy;',
    '  }',
    '  fragColor = sum / total;',
    '}',
  ].join('\n');
}

function gradientBody(): string {
  return [
    'void main() {',
    '  ivec2 p = ivec2(gl_FragCoord.xy);',
    '  float l[9];',
    '  for (int i = 0; i < 9; i++) l[i] = fetch0(p + ivec2(i % 3 - 1, i / 3 - 1)).a;',
    '  float gx = l[2] + 2.0 * l[5] + l[8] - (l[0] + 2.0 * l[3] + l[6]);',
    '  float gy = l[6] + 2.0 * l[7] + l[8] - (l[0] + 2.0 * l[1] + l[2]);',
    '  fragColor = vec4(1.0 - min(1.0, sqrt(gx * gx + gy * gy)), 0.0, 0.0, 0.0);',
    '}',
  ].join('\n');
}

/** Both classic passes walk the eight directions of reference/programs.ts's table. */
function classicBody(kind: 'thin' | 'push', strength: number): string {
  const directions = classicDirections
    .map(
      (direction) =>
        `  { ivec3 side = ivec3(${direction.push.join(', ')}); ivec3 opposite = ivec3(${direction.opposite.join(', ')});\n` +
        (kind === 'thin'
          ? '    float lightest = min(min(h[side.x], h[side.y]), h[side.z]);\n' +
            '    if (lightest > h[4] + MARGIN && lightest > max(max(h[opposite.x], h[opposite.y]), h[opposite.z]) + MARGIN) {\n' +
            '      vec4 candidate = mix(c[4], (c[side.x] + c[side.y] + c[side.z]) / 3.0, STRENGTH);\n' +
            '      if (candidate.a > best.a) best = candidate;\n' +
            '    } }'
          : '    float high = min(min(h[side.x], h[side.y]), h[side.z]);\n' +
            '    float low = max(max(max(h[opposite.x], h[opposite.y]), h[opposite.z]), h[4]);\n' +
            '    if (!done && high > low + MARGIN) { best = mix(c[4], (c[side.x] + c[side.y] + c[side.z]) / 3.0, STRENGTH); done = true; } }'),
    )
    .join('\n');
  return [
    `const float STRENGTH = ${literal(strength)};`,
    `const float MARGIN = ${literal(classicMargin)};`,
    'void main() {',
    '  ivec2 p = ivec2(gl_FragCoord.xy);',
    '  vec4 c[9]; float h[9];',
    '  for (int i = 0; i < 9; i++) {',
    '    ivec2 offset = ivec2(i % 3 - 1, i / 3 - 1);',
    '    c[i] = fetch0(p + offset);',
    kind === 'thin' ? '    h[i] = c[i].a;' : '    h[i] = fetch1(p + offset).x;',
    '  }',
    '  vec4 best = c[4];',
    kind === 'push' ? '  bool done = false;' : '',
    directions,
    '  fragColor = vec4(best.rgb, luma(best));',
    '}',
  ].join('\n');
}

/** BT.709, full range: what a decoder's planes would hold for this RGB picture (chroma centred on 0.5). */
function planesBody(plane: 'luma' | 'chroma'): string {
  const store = plane === 'luma' ? 'vec4(y, 0.0, 0.0, 1.0)' : 'vec4((c.b - y) / 1.8556 + 0.5, (c.r - y) / 1.5748 + 0.5, 0.0, 1.0)';
  return `void main() {\n  vec4 c = fetch0(ivec2(gl_FragCoord.xy));\n  float y = dot(c.rgb, vec3(0.2126, 0.7152, 0.0722));\n  fragColor = ${store};\n}`;
}

/** LUMA (input 0) with CHROMA (input 1) resampled bilinearly to its size, back to RGB. */
function mergeBody(chromaShift: Offset | undefined): string {
  return `void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  float y = fetch0(p).r;
  vec2 c = bilinear1(sourcePosition(p, u_size1) + ${shiftLiteral(chromaShift)}).rg - 0.5;
  fragColor = vec4(y + 1.5748 * c.y, y - 0.187324 * c.x - 0.468124 * c.y, y + 1.8556 * c.x, 1.0);
}`;
}
