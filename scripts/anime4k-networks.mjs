// Reads Anime4K v4 network descriptions (layers, taps, weights, biases) out of the WGSL sources
// that the `anime4k-webgpu` package generated from the official weights. Only the numbers are
// taken; how the networks are chained follows the official mpv shaders (renderer/upscale).

/** Which official networks we use, by the title their layers carry. */
export const networks = {
  'restore-cnn-m': 'Anime4K-v4.0-Restore-CNN-(M)',
  'restore-cnn-vl': 'Anime4K-v4.0-Restore-CNN-(VL)',
  'restore-cnn-ul': 'Anime4K-v4.0-Restore-CNN-(UL)',
  'restore-cnn-soft-m': 'Anime4K-v4.0-Restore-CNN-Soft-(M)',
  'restore-cnn-soft-vl': 'Anime4K-v4.0-Restore-CNN-Soft-(VL)',
  'upscale-cnn-x2-m': 'Anime4K-v3.2-Upscale-CNN-x2-(M)',
  'upscale-cnn-x2-vl': 'Anime4K-v3.2-Upscale-CNN-x2-(VL)',
  'upscale-cnn-x2-ul': 'Anime4K-v3.2-Upscale-CNN-x2-(UL)',
  'upscale-denoise-cnn-x2-vl': 'Anime4K-v3.2-Upscale-Denoise-CNN-x2-(VL)',
};

export class FormatError extends Error {}

function fail(message) {
  throw new FormatError(
    `anime4k-webgpu's shader sources are not in the format this generator reads (${message}). ` +
      'The package was probably updated; pin the version that works or update scripts/generate-networks.mjs.',
  );
}

/** Every string literal in the bundle that is a generated layer (they start with a Layer header). */
export function layerSources(bundle) {
  const sources = [];
  const literal = /"((?:[^"\\]|\\.)*)"/g;
  for (const match of bundle.matchAll(literal)) {
    if (!match[1].startsWith('// Layer: ')) continue;
    sources.push(JSON.parse(`"${match[1]}"`).replace(/\r\n/g, '\n'));
  }
  return sources;
}

const number = String.raw`-?\d+(?:\.\d+)?(?:e-?\d+)?`;
const headerPattern = /^\/\/ Layer: (.+)\n\/\/ Name: (.+)\n\/\/ Inputs: \[(.*)\]\n\/\/ Output: (.+)\n/;
const bindingPattern = /@binding\((\d+)\) var (\w+)_tex: texture_2d<f32>;/g;
const outputBindingPattern = /@binding\(\d+\) var (\w+)_tex: texture_storage_2d<rgba16float, write>;/;
const tapFunctionPattern =
  /fn (go?_\d+)\(pos: vec2u(?:, x_off: i32, y_off: i32)?\) -> vec4f \{\n\s*return (max4\((-?)textureLoad\((\w+)_tex, [^;]*\), 0\.0\)|textureLoad\((\w+)_tex, [^;]*\));\n\}/g;
const termPattern = new RegExp(
  String.raw`result \+= mat4x4<f32>\(((?:${number}, ){15}${number})\) \* (go?_\d+)\(pixel\.xy(?:, (-?\d), (-?\d))?\);`,
  'g',
);
const biasPattern = new RegExp(String.raw`result \+= vec4f\((${number}), (${number}), (${number}), (${number})\);`);

export function parseLayer(source) {
  const header = headerPattern.exec(source);
  if (!header) fail('a layer without its four header lines');
  const [, title, name, inputList, outputName] = header;
  const declaredInputs = [...inputList.matchAll(/'(\w+)'/g)].map((match) => match[1]);
  const bindings = [...source.matchAll(bindingPattern)].sort((a, b) => Number(a[1]) - Number(b[1])).map((m) => m[2]);
  const output = outputBindingPattern.exec(source)?.[1];
  if (output !== outputName.trim()) fail(`layer ${name} writes ${output}, its header says ${outputName}`);

  const taps = new Map();
  for (const match of source.matchAll(tapFunctionPattern)) {
    const texture = match[4] ?? match[5];
    const sign = match[5] ? 'identity' : match[3] === '-' ? 'negative' : 'positive';
    taps.set(match[1], { input: bindings.indexOf(texture), sign });
  }
  if (taps.size === 0) fail(`layer ${name} has no tap functions`);

  const body = source.slice(source.indexOf('var result: vec4f = vec4f(0.0);'));
  const terms = [];
  for (const match of body.matchAll(termPattern)) {
    const tap = taps.get(match[2]);
    if (!tap || tap.input < 0) fail(`layer ${name} reads ${match[2]}, which is not declared`);
    terms.push({
      input: tap.input,
      sign: tap.sign,
      dx: match[3] === undefined ? 0 : Number(match[3]),
      dy: match[4] === undefined ? 0 : Number(match[4]),
      matrix: match[1].split(', ').map(Number),
    });
  }
  const bias = biasPattern.exec(body);
  if (!bias) fail(`layer ${name} has no bias`);
  const statements = (body.match(/result \+=/g) ?? []).length;
  if (statements !== terms.length + 1) fail(`layer ${name} has ${statements - 1} terms but ${terms.length} were understood`);
  const kernel = terms.some((term) => term.dx !== 0 || term.dy !== 0) ? 3 : 1;

  return {
    title,
    layer: {
      name: outputName.trim(),
      inputs: bindings,
      // The official output layer of Restore lists MAIN without reading it: the residual add.
      residual: declaredInputs.includes('MAIN') && !bindings.includes('MAIN'),
      kernel,
      terms,
      bias: bias.slice(1, 5).map(Number),
    },
  };
}

/** Orders layers so each comes after the layers it reads. */
function topologicalOrder(layers) {
  const ordered = [];
  const done = new Set(['MAIN']);
  const pending = [...layers];
  while (pending.length > 0) {
    const index = pending.findIndex((layer) => layer.inputs.every((input) => done.has(input)));
    if (index < 0) fail(`layers ${pending.map((layer) => layer.name).join(', ')} read textures no layer writes`);
    const [layer] = pending.splice(index, 1);
    ordered.push(layer);
    done.add(layer.name);
  }
  return ordered;
}

export function describe(id, title, parsed) {
  const layers = topologicalOrder(parsed.filter((entry) => entry.title.startsWith(`${title}-`)).map((entry) => entry.layer));
  if (layers.length === 0) fail(`no layers of ${title}`);
  const kind = title.includes('Upscale') ? 'upscale' : 'restore';
  const last = layers.filter((layer) => layer.name.startsWith('conv2d_last_tf'));
  if (kind === 'upscale' && last.length !== 1 && last.length !== 3) fail(`${title} ends in ${last.length} depth-to-space layers`);
  if (kind === 'restore' && !layers[layers.length - 1].residual) fail(`${title} does not end in a residual layer`);
  const macPerPixel = layers.reduce((sum, layer) => sum + layer.terms.length * 16, 0);
  return {
    id,
    title,
    kind,
    // Upscale networks end in 4 channels per sub-pixel group: one group is luma only, three are RGB.
    depthToSpace: kind === 'upscale' ? { inputs: last.map((layer) => layer.name), channels: last.length === 1 ? 1 : 3 } : null,
    macPerPixel,
    layers,
  };
}


/** All our networks from the package's bundle text; throws FormatError when the format changed. */
export function networksFromBundle(bundle) {
  const titles = Object.values(networks);
  const parsed = layerSources(bundle)
    .filter((source) => titles.some((title) => source.startsWith(`// Layer: ${title}-`)))
    .map(parseLayer);
  return Object.entries(networks).map(([id, title]) => describe(id, title, parsed));
}
