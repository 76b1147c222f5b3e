import type { ConvLayer } from '../networks';
import type { PlannedPass } from '../planner';
import { number } from './pixelDeclarations';
import { fmaByColumns } from './wgsl';

/**
 * A small network in one pass (Anime4K's M networks: seven 3×3 layers of four channels, then a
 * 1×1 layer over all seven), on the thought that such cheap layers spend more on their passes —
 * writing and reading each layer's texture — than on the multiply-adds. Here each
 * workgroup reads its tile of the input with a halo of one pixel per layer, runs every layer
 * through workgroup memory, each over a region one pixel smaller on every side, and adds each
 * layer's share of the last layer to its centre pixels as it goes: one texture read and one
 * written instead of seven of each.
 *
 * The results are the layer passes' own: the layers are stored as half floats, as the textures
 * are, and a neighbour outside the picture is read at the picture's edge, as a texture read is
 * clamped, at every layer.
 *
 * Off unless asked for (ConvLayout.fuseNetworks): on the H200 a layer pass is bound by its
 * multiply-adds, not by its textures, and this kernel took 0.41 ms for Restore M against 0.29 ms
 * in layer passes (README, bench:gpu).
 */

/** Tile with its halo, a side: 42² texels of two half-float pairs, twice, is 28 KB of workgroup memory. */
const span = 42;
const threads = 256;

/** The longest chain one workgroup can carry (its halo grows with every layer). */
const longestChain = 12;

/** Output pixels a side of one workgroup, for a chain of this many 3×3 layers. */
export function fusedTile(layers: number): number {
  return span - 2 * layers;
}

/**
 * How many passes from `start` form such a network: 3×3 layers of four channels, each reading
 * the one before (the first the network's input), then a 1×1 layer reading all of them in order
 * (and the input again, when it adds it: Restore's residual), at one size, with no other pass
 * reading the layers in between. 0 when they do not.
 */
export function fusedChainAt(passes: PlannedPass[], start: number): number {
  const first = passes[start];
  if (!first || first.inputs.length !== 1) return 0;
  const input = first.inputs[0];
  const chain: PlannedPass[] = [];
  for (let index = start; index < passes.length; index++) {
    const pass = passes[index] as PlannedPass;
    const program = pass.definition.program;
    if (program.kind !== 'conv' || program.layer.kernel !== 3 || program.layer.residual || pass.inputs.length !== 1) break;
    const reads = chain.length === 0 ? input : chain[chain.length - 1]?.output;
    if (pass.inputs[0]?.id !== reads?.id) break;
    chain.push(pass);
  }
  if (chain.length < 2 || chain.length > longestChain || !input) return 0;
  const last = passes[start + chain.length];
  const program = last?.definition.program;
  if (!last || program?.kind !== 'conv' || program.layer.kernel !== 1) return 0;
  const expected = [...chain.map((pass) => pass.output.id), ...(program.layer.residual ? [input.id] : [])];
  if (last.inputs.length !== expected.length || last.inputs.some((texture, index) => texture.id !== expected[index])) return 0;
  const sized = [...chain, last].every((pass) => pass.output.width === input.width && pass.output.height === input.height);
  const inside = new Set([...chain, last]);
  const layerIds = new Set(chain.map((pass) => pass.output.id));
  const readElsewhere = passes.some((pass) => !inside.has(pass) && pass.inputs.some((texture) => layerIds.has(texture.id)));
  return sized && !readElsewhere ? chain.length + 1 : 0;
}

const vector = (values: ArrayLike<number>) => `vec4f(${Array.from(values, number).join(', ')})`;

function signed(sign: 'identity' | 'positive' | 'negative', value: string): string {
  return sign === 'identity' ? value : sign === 'positive' ? `max(${value}, vec4f(0.0))` : `max(-${value}, vec4f(0.0))`;
}

/** The kernel of a fused chain: `layers` are the 3×3 layers then the 1×1 layer, CReLU halves folded. */
export function fusedNetworkShader(layers: ConvLayer[]): string {
  const chain = layers.slice(0, -1);
  const last = layers[layers.length - 1] as ConvLayer;
  const tile = fusedTile(chain.length);
  const halo = chain.length;
  const centres = Math.ceil((tile * tile) / threads);
  const lines: string[] = [
    '@group(0) @binding(0) var source: texture_2d<f32>;',
    '@group(0) @binding(1) var result: texture_storage_2d<rgba16float, write>;',
    `var<workgroup> even: array<vec2u, ${span * span}>;`,
    `var<workgroup> odd: array<vec2u, ${span * span}>;`,
    // Half floats, as the layer passes' textures hold them.
    'fn unpack(value: vec2u) -> vec4f { return vec4f(unpack2x16float(value.x), unpack2x16float(value.y)); }',
    'fn pack(value: vec4f) -> vec2u { return vec2u(pack2x16float(value.xy), pack2x16float(value.zw)); }',
    '',
    `@compute @workgroup_size(${threads})`,
    'fn main(@builtin(workgroup_id) group: vec3u, @builtin(local_invocation_index) flat: u32) {',
    '  let size = vec2i(textureDimensions(source));',
    `  let origin = vec2i(group.xy) * ${tile} - vec2i(${halo});`,
    // Where the picture lies in the tile: a neighbour past it is read at its edge.
    '  let edgeLow = max(vec2i(0), -origin);',
    `  let edgeHigh = min(vec2i(${span - 1}), size - vec2i(1) - origin);`,
  ];
  for (let centre = 0; centre < centres; centre++) lines.push(`  var total${centre} = ${vector(last.bias)};`);
  chain.forEach((layer, index) => {
    // The first layer reads the input texture itself, at full precision as its pass would.
    const from = index === 0 ? null : index % 2 === 1 ? 'odd' : 'even';
    const into = index % 2 === 0 ? 'odd' : 'even';
    const margin = index + 1;
    const width = span - 2 * margin;
    lines.push(
      `  // ${layer.name}`,
      `  for (var index = flat; index < ${width * width}u; index += ${threads}u) {`,
      `    let p = vec2i(${margin}) + vec2i(i32(index % ${width}u), i32(index / ${width}u));`,
      '    let lower = clamp(p - vec2i(1), edgeLow, edgeHigh);',
      '    let upper = clamp(p + vec2i(1), edgeLow, edgeHigh);',
      '    let xs = vec3i(lower.x, clamp(p.x, edgeLow.x, edgeHigh.x), upper.x);',
      '    let ys = vec3i(lower.y, clamp(p.y, edgeLow.y, edgeHigh.y), upper.y);',
      `    var sum = ${vector(layer.bias)};`,
    );
    const taps = new Map<string, { dx: number; dy: number; terms: ConvLayer['terms'] }>();
    for (const term of layer.terms) {
      const key = `${term.dx},${term.dy}`;
      const tap = taps.get(key) ?? { dx: term.dx, dy: term.dy, terms: [] };
      tap.terms.push(term);
      taps.set(key, tap);
    }
    for (const { dx, dy, terms } of taps.values()) {
      const read = from ? `unpack(${from}[ys[${dy + 1}] * ${span} + xs[${dx + 1}]])` : `textureLoad(source, origin + vec2i(xs[${dx + 1}], ys[${dy + 1}]), 0)`;
      lines.push(`    { let t = ${read};`);
      for (const term of terms) {
        lines.push(`      { let x = ${signed(term.sign, 't')};`, ...fmaByColumns('sum', term.matrix, 'x').map((line) => `        ${line}`), '      }');
      }
      lines.push('    }');
    }
    lines.push(`    ${into}[p.y * ${span} + p.x] = pack(sum);`, '  }', '  workgroupBarrier();');
    // This layer's share of the last one, at the centre pixels of this invocation.
    const shares = last.terms.filter((term) => term.input === index);
    for (let centre = 0; centre < centres; centre++) {
      const guard = (centre + 1) * threads > tile * tile;
      lines.push(`  ${guard ? `if (flat + ${centre * threads}u < ${tile * tile}u) ` : ''}{`);
      lines.push(`    let c = flat + ${centre * threads}u;`, `    let v = unpack(${into}[(c / ${tile}u + ${halo}u) * ${span}u + c % ${tile}u + ${halo}u]);`);
      for (const term of shares) lines.push(`    { let x = ${signed(term.sign, 'v')};`, ...fmaByColumns(`total${centre}`, term.matrix, 'x').map((line) => `      ${line}`), '    }');
      lines.push('  }');
    }
  });
  for (let centre = 0; centre < centres; centre++) {
    lines.push(
      '  {',
      `    let c = flat + ${centre * threads}u;`,
      `    let pixel = vec2i(group.xy) * ${tile} + vec2i(i32(c % ${tile}u), i32(c / ${tile}u));`,
      `    if (c < ${tile * tile}u && all(pixel < size)) {`,
      `      textureStore(result, pixel, total${centre}${last.residual ? ' + textureLoad(source, pixel, 0)' : ''});`,
      '    }',
      '  }',
    );
  }
  lines.push('}');
  return lines.join('\n');
}
