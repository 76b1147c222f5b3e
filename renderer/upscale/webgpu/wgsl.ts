import type { Offset, PassProgram } from '../model';
import { classicDirections, classicMargin } from '../reference/programs';
import { scalerIndex, scalerRadius } from '../scalers';
import type { GroupTap } from './convGroups';
import { depthToSpaceShader } from './depthToSpace';
import { number, pixelDeclarations } from './pixelDeclarations';

/**
 * How a 3×3 convolution is laid out on the GPU: invocations per workgroup and pixels per
 * invocation (a weight matrix read once serves them all); the tile in workgroup memory is the
 * output tile plus a 1-texel halo. `inlineWeights` writes the matrices into the code as constants
 * instead of reading the uniform buffer (for comparing the two in the benchmark).
 */
export interface ConvLayout {
  threads: [number, number];
  pixels: [number, number];
  inlineWeights: boolean;
  /**
   * Run the convolutions that fit on the 8-bit matrix units where the device has them. Off by
   * default: measured slower than the float kernels (matrixConv.ts); the benchmark compares them.
   */
  integerMatrices?: boolean;
  /**
   * Small networks in one pass where they fit (fusedNetwork.ts). Off by default: measured slower
   * than a pass per layer (fusedNetwork.ts); the benchmark compares them.
   */
  fuseNetworks?: boolean;
}

export const defaultConvLayout: ConvLayout = { threads: [16, 8], pixels: [1, 1], inlineWeights: true };

/** Workgroup size of every per-pixel pass. */
export const pixelTile = 8;

export interface ConvShape {
  taps: GroupTap[];
  inputs: number;
  outputs: number;
  kernel: 1 | 3;
  residual: boolean;
  half: boolean;
  layout: ConvLayout;
  /** The packed matrices, needed only when the layout inlines them. */
  matrices?: Float32Array;
}

/**
 * `sum += M · input` for a column-major 4×4 M written into the code: four fused multiply-adds by
 * M's columns (as a product and a sum, the compiler spends four more instructions per matrix).
 */
export function fmaByColumns(sum: string, matrix: ArrayLike<number>, input: string): string[] {
  return [0, 1, 2, 3].map((at) => `${sum} = fma(vec4f(${Array.from({ length: 4 }, (_, row) => number(matrix[at * 4 + row] ?? 0)).join(', ')}), vec4f(${input}.${'xyzw'[at]}), ${sum});`);
}

/** Output pixels one workgroup of this convolution writes. */
export function convTile(shape: ConvShape): [number, number] {
  if (shape.kernel !== 3) return [pixelTile, pixelTile];
  return [shape.layout.threads[0] * shape.layout.pixels[0], shape.layout.threads[1] * shape.layout.pixels[1]];
}

/**
 * A fused convolution: every output texture of a layer group from one load of the inputs. Weights
 * come from a uniform buffer in the order of packWeights; the code depends only on the group's
 * shape, so layers of the same shape share one pipeline. With shader-f16, taps, weights and the
 * matrix products are half floats and the sums float32.
 */
export function convShader(shape: ConvShape): string {
  const h = shape.half ? 'f16' : 'f32';
  const matrixCount = shape.taps.reduce((sum, tap) => sum + tap.signs.length, 0) * shape.outputs;
  const tiled = shape.kernel === 3;
  const lines: string[] = [];
  if (shape.half) lines.push('enable f16;');
  lines.push(
    `struct Weights { matrices: array<mat4x4<${h}>, ${matrixCount}>, biases: array<vec4<f32>, ${shape.outputs}> }`,
    '@group(0) @binding(0) var<uniform> weights: Weights;',
  );
  for (let input = 0; input < shape.inputs; input++) lines.push(`@group(0) @binding(${1 + input}) var input${input}: texture_2d<f32>;`);
  for (let output = 0; output < shape.outputs; output++) {
    lines.push(`@group(0) @binding(${1 + shape.inputs + output}) var output${output}: texture_storage_2d<rgba16float, write>;`);
  }
  if (shape.residual) lines.push(`@group(0) @binding(${1 + shape.inputs + shape.outputs}) var residual: texture_2d<f32>;`);
  const value = (sign: GroupTap['signs'][number], name: string) =>
    sign === 'identity' ? name : sign === 'positive' ? `max(${name}, vec4<${h}>(0))` : `max(-${name}, vec4<${h}>(0))`;
  const product = (expression: string) => (shape.half ? `vec4<f32>(${expression})` : expression);
  const matrixAt = (index: number) => {
    if (!shape.layout.inlineWeights || !shape.matrices) return `weights.matrices[${index}]`;
    const values = Array.from(shape.matrices.subarray(index * 16, index * 16 + 16), number);
    return `mat4x4<${h}>(${values.join(', ')})`;
  };
  /**
   * `sum += W x`. In float32 as four fused multiply-adds by W's columns: written as a product and
   * a sum, the compiler spends four more instructions per matrix adding the product to the sum.
   */
  const accumulate = (sum: string, index: number, input: string): string[] => {
    if (shape.half) return [`${sum} += ${product(`${matrixAt(index)} * ${input}`)};`];
    if (shape.layout.inlineWeights && shape.matrices) return fmaByColumns(sum, shape.matrices.subarray(index * 16, index * 16 + 16), input);
    return [0, 1, 2, 3].map((at) => `${sum} = fma(weights.matrices[${index}][${at}], vec4f(${input}.${'xyzw'[at]}), ${sum});`);
  };

  if (!tiled) {
    lines.push(
      `@compute @workgroup_size(${pixelTile}, ${pixelTile})`,
      'fn main(@builtin(global_invocation_id) id: vec3u) {',
      '  let size = vec2i(textureDimensions(input0));',
      '  let pixel = vec2i(id.xy);',
      '  if (any(pixel >= size)) { return; }',
    );
    for (let output = 0; output < shape.outputs; output++) lines.push(`  var sum${output} = weights.biases[${output}];`);
    let matrix = 0;
    for (const tap of shape.taps) {
      lines.push(`  { let t = vec4<${h}>(textureLoad(input${tap.input}, pixel, 0));`);
      for (const sign of tap.signs) {
        lines.push(`    { let x = ${value(sign, 't')};`);
        for (let output = 0; output < shape.outputs; output++) lines.push(...accumulate(`sum${output}`, matrix++, 'x').map((line) => `      ${line}`));
        lines.push('    }');
      }
      lines.push('  }');
    }
    const residual = shape.residual ? ' + textureLoad(residual, pixel, 0)' : '';
    for (let output = 0; output < shape.outputs; output++) lines.push(`  textureStore(output${output}, pixel, sum${output}${residual});`);
    lines.push('}');
    return lines.join('\n');
  }

  const { threads, pixels: block } = shape.layout;
  const [tileWidth, tileHeight] = convTile(shape);
  const haloWidth = tileWidth + 2;
  const haloCount = haloWidth * (tileHeight + 2);
  for (let input = 0; input < shape.inputs; input++) lines.push(`var<workgroup> tile${input}: array<vec4<${h}>, ${haloCount}>;`);
  lines.push(
    `@compute @workgroup_size(${threads[0]}, ${threads[1]})`,
    'fn main(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_id) local: vec3u, @builtin(local_invocation_index) flat: u32) {',
    '  let size = vec2i(textureDimensions(input0));',
    `  let origin = vec2i(group.xy) * vec2i(${tileWidth}, ${tileHeight}) - vec2i(1);`,
    `  for (var index = flat; index < ${haloCount}u; index += ${threads[0] * threads[1]}u) {`,
    `    let at = clamp(origin + vec2i(i32(index % ${haloWidth}u), i32(index / ${haloWidth}u)), vec2i(0), size - vec2i(1));`,
    ...Array.from({ length: shape.inputs }, (_, input) => `    tile${input}[index] = vec4<${h}>(textureLoad(input${input}, at, 0));`),
    '  }',
    '  workgroupBarrier();',
    `  let base = vec2i(group.xy) * vec2i(${tileWidth}, ${tileHeight}) + vec2i(local.xy) * vec2i(${block[0]}, ${block[1]});`,
    `  let corner = local.y * ${block[1] * haloWidth}u + local.x * ${block[0]}u;`,
  );
  const pixels: [number, number][] = [];
  for (let y = 0; y < block[1]; y++) for (let x = 0; x < block[0]; x++) pixels.push([y, x]);
  for (let output = 0; output < shape.outputs; output++) {
    for (const [y, x] of pixels) lines.push(`  var sum${output}_${y}${x} = weights.biases[${output}];`);
  }
  let matrix = 0;
  const inputsInOrder = [...new Set(shape.taps.map((tap) => tap.input))];
  for (const input of inputsInOrder) {
    lines.push('  {');
    for (const tap of shape.taps.filter((candidate) => candidate.input === input)) {
      // Each tap's texel for every pixel of the block, read once from workgroup memory.
      const names = pixels.map(([y, x]) => `t${y}${x}`);
      lines.push('    {');
      pixels.forEach(([y, x], index) => lines.push(`    let ${names[index] ?? ''} = tile${input}[corner + ${(y + tap.dy + 1) * haloWidth + x + tap.dx + 1}u];`));
      for (const sign of tap.signs) {
        lines.push('    {');
        pixels.forEach(([y, x], index) => lines.push(`      let x${y}${x} = ${value(sign, names[index] ?? '')};`));
        for (let output = 0; output < shape.outputs; output++) {
          const index = matrix++;
          for (const [y, x] of pixels) lines.push(...accumulate(`sum${output}_${y}${x}`, index, `x${y}${x}`).map((line) => `      ${line}`));
        }
        lines.push('    }');
      }
      lines.push('    }');
    }
    lines.push('  }');
  }
  for (const [y, x] of pixels) {
    lines.push(`  if (all(base + vec2i(${x}, ${y}) < size)) {`);
    for (let output = 0; output < shape.outputs; output++) lines.push(`    textureStore(output${output}, base + vec2i(${x}, ${y}), sum${output}_${y}${x});`);
    lines.push('  }');
  }
  lines.push('}');
  return lines.join('\n');
}

function helpers(inputs: number): string {
  return [
    pixelDeclarations(inputs),
    `@compute @workgroup_size(${pixelTile}, ${pixelTile})`,
    'fn main(@builtin(global_invocation_id) id: vec3u) {',
    '  if (any(id.xy >= textureDimensions(output))) { return; }',
    '  let p = vec2i(id.xy);',
  ].join('\n');
}

/** Every program that is not a convolution: small per-pixel passes, mirrors of reference/programs.ts. */
export function pixelShader(program: PassProgram, inputs: number): string {
  const start = helpers(inputs);
  const end = '\n}';
  switch (program.kind) {
    case 'conv':
      throw new Error('convolutions use convShader');
    case 'depth-to-space':
      return depthToSpaceShader(program.channels, false);
    case 'luma-max': {
      const offset = program.axis === 'x' ? 'vec2i(delta, 0)' : 'vec2i(0, delta)';
      const value = program.axis === 'x' ? `luma(fetch0(p + ${offset}))` : `fetch0(p + ${offset}).x`;
      return `${start}
  var maximum = 0.0;
  for (var delta = -${program.radius}; delta <= ${program.radius}; delta++) { maximum = max(maximum, ${value}); }
  textureStore(output, p, vec4f(maximum, 0.0, 0.0, 0.0));${end}`;
    }
    case 'clamp-luma':
      return `${start}
  let c = fetch0(p);
  let current = luma(c);
  let limit = bilinear1(sourcePosition(p, textureDimensions(input1))).x;
  textureStore(output, p, vec4f(c.rgb - (current - min(current, limit)), c.a));${end}`;
    case 'bilinear':
      return `${start}\n  textureStore(output, p, bilinear0(sourcePosition(p, textureDimensions(input0))));${end}`;
    case 'scale':
      return `${scalerFunctions(scalerIndex[program.scaler])}\n${start}
  let centre = sourcePosition(p, textureDimensions(input0)) + ${shiftLiteral(program.shift)};
  let first = vec2i(ceil(centre - ${number(scalerRadius[program.scaler])}));
  let last = vec2i(floor(centre + ${number(scalerRadius[program.scaler])}));
  var sum = vec4f(0.0); var total = 0.0;
  for (var y = first.y; y <= last.y; y++) {
    let wy = kernelWeight(f32(y) - centre.y);
    var row = vec4f(0.0); var rowTotal = 0.0;
    for (var x = first.x; x <= last.x; x++) { let wx = kernelWeight(f32(x) - centre.x); row += wx * fetch0(vec2i(x, y)); rowTotal += wx; }
    sum += wy * row / rowTotal; total += wy;
  }
  textureStore(output, p, sum / total);${end}`;
    case 'classic-upscale':
      return `${start}\n  let c = bilinear0(sourcePosition(p, textureDimensions(input0)));\n  textureStore(output, p, vec4f(c.rgb, luma(c)));${end}`;
    case 'classic-gradient':
      return `${start}
  var l: array<f32, 9>;
  for (var i = 0; i < 9; i++) { l[i] = fetch0(p + vec2i(i % 3 - 1, i / 3 - 1)).a; }
  let gx = l[2] + 2.0 * l[5] + l[8] - (l[0] + 2.0 * l[3] + l[6]);
  let gy = l[6] + 2.0 * l[7] + l[8] - (l[0] + 2.0 * l[1] + l[2]);
  textureStore(output, p, vec4f(1.0 - min(1.0, sqrt(gx * gx + gy * gy)), 0.0, 0.0, 0.0));${end}`;
    case 'classic-thin':
    case 'classic-push':
      return `${start}\n${classicBody(program.kind === 'classic-thin' ? 'thin' : 'push', program.strength)}${end}`;
    case 'user':
      throw new Error('user passes are fragment shaders of their own (userFragment.ts)');
    case 'planes':
      return `${start}
  let c = fetch0(p);
  let y = dot(c.rgb, vec3f(0.2126, 0.7152, 0.0722));
  textureStore(output, p, ${program.plane === 'luma' ? 'vec4f(y, 0.0, 0.0, 1.0)' : 'vec4f((c.b - y) / 1.8556 + 0.5, (c.r - y) / 1.5748 + 0.5, 0.0, 1.0)'});${end}`;
    case 'planes-merge':
      return `${start}
  let y = fetch0(p).r;
  let c = bilinear1(sourcePosition(p, textureDimensions(input1)) + ${shiftLiteral(program.chromaShift)}).rg - 0.5;
  textureStore(output, p, vec4f(y + 1.5748 * c.y, y - 0.187324 * c.x - 0.468124 * c.y, y + 1.8556 * c.x, 1.0));${end}`;
  }
}

/** A shift in source pixels that //!OFFSET passes left (none: zero), as a WGSL vec2f: the picture is sampled where it now lies. */
function shiftLiteral(shift: Offset | undefined): string {
  return `vec2f(${number(shift?.x ?? 0)}, ${number(shift?.y ?? 0)})`;
}

/** The reference kernels in WGSL: the twin of resample.frag and scalers.ts. */
export function scalerFunctions(kernel: number): string {
  const body =
    kernel === 0
      ? 'return max(0.0, 1.0 - abs(x));'
      : kernel === 1
        ? 'return mitchellNetravali(x, 0.0, 0.5);'
        : kernel === 2
          ? 'return mitchellNetravali(x, 1.0 / 3.0, 1.0 / 3.0);'
          : 'if (abs(x) < 3.0) { return sinc(x) * sinc(x / 3.0); } return 0.0;';
  return `fn mitchellNetravali(distance: f32, b: f32, c: f32) -> f32 {
  let x = abs(distance);
  if (x < 1.0) { return ((12.0 - 9.0 * b - 6.0 * c) * x * x * x + (-18.0 + 12.0 * b + 6.0 * c) * x * x + (6.0 - 2.0 * b)) / 6.0; }
  if (x < 2.0) { return ((-b - 6.0 * c) * x * x * x + (6.0 * b + 30.0 * c) * x * x + (-12.0 * b - 48.0 * c) * x + (8.0 * b + 24.0 * c)) / 6.0; }
  return 0.0;
}
fn sinc(x: f32) -> f32 { if (abs(x) < 1e-5) { return 1.0; } let a = 3.14159265358979 * x; return sin(a) / a; }
fn kernelWeight(x: f32) -> f32 { ${body} }`;
}

function classicBody(kind: 'thin' | 'push', strength: number): string {
  const margin = number(classicMargin);
  const directions = classicDirections
    .map((direction) => {
      const [a, b, c] = direction.push;
      const [d, e, f] = direction.opposite;
      const mean = `(c[${a}] + c[${b}] + c[${c}]) / 3.0`;
      return kind === 'thin'
        ? `  { let lightest = min(min(h[${a}], h[${b}]), h[${c}]);
    if (lightest > h[4] + ${margin} && lightest > max(max(h[${d}], h[${e}]), h[${f}]) + ${margin}) { let candidate = mix(c[4], ${mean}, ${number(strength)}); if (candidate.a > best.a) { best = candidate; } } }`
        : `  { let high = min(min(h[${a}], h[${b}]), h[${c}]);
    let low = max(max(max(h[${d}], h[${e}]), h[${f}]), h[4]);
    if (!done && high > low + ${margin}) { best = mix(c[4], ${mean}, ${number(strength)}); done = true; } }`;
    })
    .join('\n');
  return `  var c: array<vec4f, 9>; var h: array<f32, 9>;
  for (var i = 0; i < 9; i++) {
    let offset = vec2i(i % 3 - 1, i / 3 - 1);
    c[i] = fetch0(p + offset);
    h[i] = ${kind === 'thin' ? 'c[i].a' : 'fetch1(p + offset).x'};
  }
  var best = c[4];
  var done = false;
${directions}
  textureStore(output, p, vec4f(best.rgb, luma(best)));`;
}
