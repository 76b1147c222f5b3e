import type { MatrixSyntax } from '../../gpu/webgpu/integerMatrices';
import { matrixLoad as load, matrixShape, matrixStore as store, matrixTypes } from '../../gpu/webgpu/integerMatrices';
import type { ConvLayer } from '../networks';
import { number as literal } from './pixelDeclarations';

/**
 * 3×3 convolutions on the GPU's integer matrix units (WebGPU's experimental subgroup matrices,
 * tensor cores on NVIDIA), for adapters that offer 8-bit matrices and no half floats.
 *
 * A layer is a matrix product: 16 pixels of a row (M) by the values of a tap (K) by the outputs
 * (N). The values are made integers per workgroup tile: scaled so that the tile's largest
 * magnitude is 127 · 128, then split into two signed 8-bit digits, v = 128·high + low. The weights
 * are split the same way per output channel. The three products of the digits, high·high,
 * high·low + low·high and low·low, run as three 8-bit matrix products into 32-bit sums, combined
 * in float32: a value keeps 15 bits against its tile's largest, about what the half floats the
 * layers are stored in keep. A left row holds a pixel's 16 high digits then its 16 low digits
 * (K = 32), so one load of a row of the tile serves all three products.
 *
 * Off unless asked for (ConvLayout.integerMatrices): on the H200 measured it is correct but about
 * half as fast as the float kernels (README, bench:gpu).
 */

/** Digits are bounded by 127: values are scaled so the largest is this. */
const integerRange = 127 * 128;
/** Pixels of a row one matrix product covers; values of a row (high digits, then low). */
const rowPixels = matrixShape.rows;
const depth = matrixShape.depth;
/**
 * A workgroup of four subgroups writes a 32 × 16 tile: each subgroup a 16 × 8 quarter, two rows
 * at a time. The halo of the whole tile is loaded once and shared.
 */
const subgroups = 4;
const threads = subgroups * 32;
const tileWidth = 2 * rowPixels;
const tileHeight = 16;
const bandRows = 8;
const haloWidth = tileWidth + 2;
const haloCount = haloWidth * (tileHeight + 2);
const texelsPerThread = Math.ceil(haloCount / threads);
const wordsPerPixel = depth / 4;
/** Where each subgroup's largest magnitude and then the sums sit in the workgroup array (words). */
const largestAt = haloCount * wordsPerPixel;
const sumsAt = largestAt + subgroups;
/** Sums of one subgroup: two rows of three products, 16 × 8 each. */
const sumsPerSubgroup = 2 * 3 * rowPixels * 8;
export const matrixWorkgroupBytes = (sumsAt + subgroups * sumsPerSubgroup) * 4;
/** Bytes of one right matrix (K × N, 8 bits each). */
const rightMatrixElements = depth * matrixShape.columns;
const leftType = matrixTypes.left;
const rightType = matrixTypes.right;
const resultType = matrixTypes.result;

/** Output pixels of one workgroup. */
export const matrixConvTile: [number, number] = [tileWidth, tileHeight];

/** The layers a matrix convolution can run: 3×3, 16 values a tap (inputs × signs × 4), 8 outputs. */
export function fitsIntegerMatrices(layers: ConvLayer[], kernel: 1 | 3, residual: boolean): boolean {
  const inputs = layers[0]?.inputs.length ?? 0;
  return kernel === 3 && !residual && layers.length === 2 && inputs * signsOf(layers).length * 4 === 16 && layers.every((layer) => layer.inputs.length === inputs);
}

function signsOf(layers: ConvLayer[]): ('identity' | 'positive' | 'negative')[] {
  const present = new Set(layers.flatMap((layer) => layer.terms.map((term) => term.sign)));
  return (['identity', 'positive', 'negative'] as const).filter((sign) => present.has(sign));
}

/** Splits an integer of at most 127 · 128 in magnitude into high and low digits, both within ±127. */
export function digitsOf(value: number): [number, number] {
  const high = Math.floor((value + 64) / 128);
  return [high, value - 128 * high];
}

export interface MatrixWeights {
  /** The right matrices, three per tap (high·high, cross, low·low), K × N row-major bytes. */
  digits: Int8Array;
  /** Per output channel: the float that one unit of the integer weights stands for. */
  scales: number[];
  biases: number[];
}

const taps: [number, number][] = [];
for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) taps.push([dx, dy]);

/** The layers' weights as digits in the order the kernel reads them. */
export function matrixWeights(layers: ConvLayer[]): MatrixWeights {
  const signs = signsOf(layers);
  const inputs = layers[0]?.inputs.length ?? 0;
  const weight = (dx: number, dy: number, k: number, n: number): number => {
    const layer = layers[Math.floor(n / 4)];
    const channel = k % 4;
    const sign = signs[Math.floor(k / 4) % signs.length];
    const input = Math.floor(k / 4 / signs.length);
    const term = layer?.terms.find((candidate) => candidate.input === input && candidate.sign === sign && candidate.dx === dx && candidate.dy === dy);
    return term ? (term.matrix[channel * 4 + (n % 4)] ?? 0) : 0;
  };
  const values = inputs * signs.length * 4;
  const scales: number[] = [];
  for (let n = 0; n < 8; n++) {
    let largest = 0;
    for (const [dx, dy] of taps) for (let k = 0; k < values; k++) largest = Math.max(largest, Math.abs(weight(dx, dy, k, n)));
    scales.push(largest > 0 ? largest / integerRange : 1);
  }
  const digits = new Int8Array(taps.length * 3 * rightMatrixElements);
  taps.forEach(([dx, dy], tap) => {
    for (let k = 0; k < values; k++) {
      for (let n = 0; n < 8; n++) {
        const [high, low] = digitsOf(Math.round(weight(dx, dy, k, n) / (scales[n] ?? 1)));
        const at = (product: number, row: number) => tap * 3 * rightMatrixElements + product * rightMatrixElements + row * 8 + n;
        // Rows 0–15 meet the pixel's high digits, rows 16–31 its low digits.
        digits[at(0, k)] = high;
        digits[at(1, k)] = low;
        digits[at(1, k + 16)] = high;
        digits[at(2, k + 16)] = low;
      }
    }
  });
  const biases = layers.flatMap((layer) => [0, 1, 2, 3].map((channel) => layer.bias[channel] ?? 0));
  return { digits, scales, biases };
}

/**
 * The kernel: load the tile and its halo once, find its largest magnitude, write each pixel's
 * digits; then each subgroup takes its quarter two rows at a time through nine taps of three
 * products, and its invocations turn the sums into outputs. Scales and biases are constants.
 */
export function matrixConvShader(layers: ConvLayer[], syntax: MatrixSyntax, weights: MatrixWeights): string {
  const inputs = layers[0]?.inputs.length ?? 0;
  const signs = signsOf(layers);
  const lines: string[] = ['enable chromium_experimental_subgroup_matrix;', 'enable subgroups;', '@group(0) @binding(0) var<storage, read> digits: array<i32>;'];
  for (let input = 0; input < inputs; input++) lines.push(`@group(0) @binding(${1 + input}) var input${input}: texture_2d<f32>;`);
  for (let output = 0; output < 2; output++) lines.push(`@group(0) @binding(${1 + inputs + output}) var output${output}: texture_storage_2d<rgba16float, write>;`);
  const vector = (values: number[]) => `vec4f(${values.map(literal).join(', ')})`;
  lines.push(
    `const scale0 = ${vector(weights.scales.slice(0, 4))};`,
    `const scale1 = ${vector(weights.scales.slice(4, 8))};`,
    `const bias0 = ${vector(weights.biases.slice(0, 4))};`,
    `const bias1 = ${vector(weights.biases.slice(4, 8))};`,
    // One workgroup array for everything: with several workgroup variables, Chromium placed the
    // matrix loads and stores one word off on an NVIDIA GPU (checked on an H200).
    `var<workgroup> memory: array<i32, ${matrixWorkgroupBytes / 4}>;`,
    '',
    'fn magnitude(value: vec4f) -> f32 { let a = abs(value); return max(max(a.x, a.y), max(a.z, a.w)); }',
    // Round to the nearest high digit; the low digit is what remains (within ±64).
    'fn highDigit(value: vec4i) -> vec4i { return (value + vec4i(64)) >> vec4u(7u); }',
    '',
    `@compute @workgroup_size(${threads})`,
    'fn main(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_index) flat: u32, @builtin(subgroup_id) subgroup: u32, @builtin(subgroup_invocation_id) lane: u32) {',
    '  let size = vec2i(textureDimensions(input0));',
    `  let corner = vec2i(group.xy) * vec2i(${tileWidth}, ${tileHeight});`,
    '  var local = 0.0;',
  );
  // Each invocation's texels stay in registers between the largest and the digits.
  for (let texel = 0; texel < texelsPerThread; texel++) {
    lines.push(
      `  let index${texel} = flat + ${texel * threads}u;`,
      `  let at${texel} = clamp(corner - vec2i(1) + vec2i(i32(index${texel} % ${haloWidth}u), i32(index${texel} / ${haloWidth}u)), vec2i(0), size - vec2i(1));`,
    );
    for (let input = 0; input < inputs; input++) {
      lines.push(`  let texel${texel}_${input} = textureLoad(input${input}, at${texel}, 0);`, `  local = max(local, magnitude(texel${texel}_${input}));`);
    }
  }
  lines.push(
    // Past the halo an invocation reads a texel of the picture again: harmless to the largest.
    '  let subgroupLargest = subgroupMax(local);',
    `  if (lane == 0u) { memory[${largestAt}u + subgroup] = bitcast<i32>(subgroupLargest); }`,
    '  workgroupBarrier();',
    `  let maximum = ${Array.from({ length: subgroups }, (_, index) => `bitcast<f32>(memory[${largestAt + index}u])`).reduce((a, b) => `max(${a}, ${b})`)};`,
    `  let toInteger = select(0.0, ${literal(integerRange)} / maximum, maximum > 0.0);`,
  );
  for (let texel = 0; texel < texelsPerThread; texel++) {
    const guard = (texel + 1) * threads > haloCount;
    lines.push(guard ? `  if (index${texel} < ${haloCount}u) {` : '  {');
    let word = 0;
    for (let input = 0; input < inputs; input++) {
      lines.push(`    let q${input} = clamp(vec4i(round(texel${texel}_${input} * toInteger)), vec4i(-${integerRange}), vec4i(${integerRange}));`);
      for (const sign of signs) {
        const value = sign === 'identity' ? `q${input}` : sign === 'positive' ? `max(q${input}, vec4i(0))` : `max(-q${input}, vec4i(0))`;
        lines.push(
          `    let v${word} = ${value};`,
          `    let h${word} = highDigit(v${word});`,
          `    memory[index${texel} * ${wordsPerPixel}u + ${word}u] = bitcast<i32>(pack4xI8(h${word}));`,
          `    memory[index${texel} * ${wordsPerPixel}u + ${word + 4}u] = bitcast<i32>(pack4xI8(v${word} - h${word} * 128));`,
        );
        word++;
      }
    }
    lines.push('  }');
  }
  lines.push('  workgroupBarrier();');
  const products = ['high', 'cross', 'low'];
  // The 27 right matrices stay in registers for the whole tile.
  taps.forEach((_, tap) => {
    products.forEach((product, index) => lines.push(`  let ${product}${tap} = ${load(syntax, rightType, '&digits', `${(tap * 3 + index) * rightMatrixElements}u`, 8)};`));
  });
  lines.push(
    `  let segment = (subgroup % 2u) * ${rowPixels}u;`,
    `  let band = (subgroup / 2u) * ${bandRows}u;`,
    `  let sums = ${sumsAt}u + subgroup * ${sumsPerSubgroup}u;`,
    `  let column = lane % ${rowPixels}u;`,
    `  let part = lane / ${rowPixels}u;`,
    `  let fromInteger = maximum / ${literal(integerRange)};`,
    `  for (var pair = 0u; pair < ${bandRows / 2}u; pair++) {`,
    '    let row = band + pair * 2u;',
  );
  for (let row = 0; row < 2; row++) for (const product of products) lines.push(`    var ${product}_${row} = ${resultType}();`);
  taps.forEach(([dx, dy], tap) => {
    for (let row = 0; row < 2; row++) {
      lines.push(`    let left${tap}_${row} = ${load(syntax, leftType, '&memory', `((row + ${row + dy + 1}u) * ${haloWidth}u + segment + ${dx + 1}u) * ${depth}u`, depth)};`);
      for (const product of products) lines.push(`    ${product}_${row} = subgroupMatrixMultiplyAccumulate(left${tap}_${row}, ${product}${tap}, ${product}_${row});`);
    }
  });
  for (let row = 0; row < 2; row++) {
    products.forEach((product, index) => lines.push(`    ${store(syntax, '&memory', `sums + ${(row * 3 + index) * rowPixels * 8}u`, `${product}_${row}`, 8)}`));
  }
  lines.push('    workgroupBarrier();');
  // Each invocation turns four sums of a pixel into outputs, in each of the two rows.
  for (let row = 0; row < 2; row++) {
    const sum = (product: number) => `vec4f(${[0, 1, 2, 3].map((channel) => `f32(memory[sums + ${(row * 3 + product) * rowPixels * 8}u + column * 8u + part * 4u + ${channel}u])`).join(', ')})`;
    lines.push(
      '    {',
      `      let total = ${sum(0)} * 16384.0 + ${sum(1)} * 128.0 + ${sum(2)};`,
      `      let pixel = corner + vec2i(i32(segment + column), i32(row + ${row}u));`,
      '      if (all(pixel < size)) {',
      '        if (part == 0u) { textureStore(output0, pixel, bias0 + total * scale0 * fromInteger); }',
      '        else { textureStore(output1, pixel, bias1 + total * scale1 * fromInteger); }',
      '      }',
      '    }',
    );
  }
  // The sums are written again by the next pair of rows.
  lines.push('    workgroupBarrier();', '  }', '}');
  return lines.join('\n');
}
