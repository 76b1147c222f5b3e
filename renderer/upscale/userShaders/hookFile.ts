import type { RpnExpression } from './rpn';
import { parseRpn } from './rpn';

/**
 * mpv's user-shader files (libplacebo's `//!HOOK` format), read into passes, textures and
 * parameters. The text is untrusted: anything this reader does not know is refused with the line
 * and the reason, and sizes are bounded before anything is allocated.
 */

export interface HookPass {
  /** `//!DESC`: the pass's name in the readout. */
  description: string | null;
  /** `//!HOOK`: the stages it runs at (MAIN, LUMA, CHROMA, PREKERNEL, …). */
  hooks: string[];
  /** `//!BIND`: textures it reads, `HOOKED` included. */
  binds: string[];
  /** `//!SAVE`: where its result goes; null replaces the hooked texture. */
  save: string | null;
  components: number | null;
  width: RpnExpression | null;
  height: RpnExpression | null;
  when: RpnExpression | null;
  /** `//!OFFSET`: shift of the result in source pixels, or `ALIGN` to the hooked texture. */
  offset: { x: number; y: number } | 'align' | null;
  /** `//!COMPUTE bw bh [tw th]`: a compute pass with that block and thread count. */
  compute: { blockWidth: number; blockHeight: number; threadsWidth: number; threadsHeight: number } | null;
  /** The GLSL body, with the line it starts on for the compiler's messages. */
  body: string;
  line: number;
  bodyLine: number;
}

export type TextureFormat = { components: 1 | 2 | 3 | 4; type: 'unorm8' | 'unorm16' | 'float16' | 'float32' };

export interface HookTexture {
  name: string;
  width: number;
  height: number;
  format: TextureFormat;
  filter: 'linear' | 'nearest';
  border: 'clamp' | 'repeat' | 'mirror';
  /** The texels as numbers (unorm formats scaled to 0–1), `format.components` per texel, row by row. */
  texels: Float32Array;
  line: number;
}

export interface HookParameter {
  name: string;
  description: string | null;
  type: 'float' | 'int' | 'uint';
  /** DEFINE parameters are `#define`s, CONSTANT ones fixed per compile, DYNAMIC ones may change per frame. */
  mode: 'dynamic' | 'constant' | 'define';
  minimum: number | null;
  maximum: number | null;
  value: number;
  line: number;
}

export interface HookFile {
  passes: HookPass[];
  textures: HookTexture[];
  parameters: HookParameter[];
}

/** Refusals name the file's line: the viewer can open the file and see what is meant. */
export class HookFileError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'HookFileError';
  }
}

/** Bounds for what a file may ask for (the GPU is shared with the picture). */
export const hookFileLimits = {
  bytes: 16 * 1024 * 1024,
  passes: 512,
  textures: 32,
  parameters: 128,
  textureSide: 8192,
  textureBytes: 64 * 1024 * 1024,
  computeBlock: 1024,
  computeThreads: 1024,
} as const;

const componentCounts = { r: 1, rg: 2, rgb: 3, rgba: 4 } as const;
const formatTypes: Record<string, { type: TextureFormat['type'] }> = {
  '8': { type: 'unorm8' },
  '16': { type: 'unorm16' },
  '16f': { type: 'float16' },
  '16hf': { type: 'float16' },
  '32f': { type: 'float32' },
};

interface Block {
  headers: { key: string; value: string; line: number }[];
  body: string[];
  bodyLine: number;
}

/** Splits the text into blocks: `//!` header lines, then the body up to the next header. */
function blocksOf(text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const header = /^\/\/!(\S+)\s*(.*)$/.exec(raw.trim());
    if (header) {
      if (!current || current.body.length > 0) {
        current = { headers: [], body: [], bodyLine: line + 1 };
        blocks.push(current);
      }
      current.headers.push({ key: header[1] ?? '', value: (header[2] ?? '').trim(), line });
      current.bodyLine = line + 1;
    } else if (current) {
      current.body.push(raw);
    }
    // Text before the first directive (licence headers, comments) belongs to no pass; libplacebo skips it too.
  });
  return blocks;
}

function number(value: string, line: number, what: string): number {
  const parsed = Number(value);
  if (value === '' || !Number.isFinite(parsed)) throw new HookFileError(line, `${what} must be a number, not “${value}”`);
  return parsed;
}

function integer(value: string, line: number, what: string, minimum: number, maximum: number): number {
  const parsed = number(value, line, what);
  if (!Number.isInteger(parsed) || parsed < minimum || parsed > maximum) throw new HookFileError(line, `${what} must be a whole number from ${minimum} to ${maximum}, not ${value}`);
  return parsed;
}

function expression(value: string, line: number, directive: string): RpnExpression {
  try {
    return parseRpn(value);
  } catch (error) {
    throw new HookFileError(line, `//!${directive}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function identifier(value: string, line: number, directive: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) throw new HookFileError(line, `//!${directive} needs a name of letters, digits and _, not “${value}”`);
  return value;
}

function readPass(block: Block): HookPass {
  const pass: HookPass = {
    description: null,
    hooks: [],
    binds: [],
    save: null,
    components: null,
    width: null,
    height: null,
    when: null,
    offset: null,
    compute: null,
    body: block.body.join('\n'),
    line: block.headers[0]?.line ?? block.bodyLine,
    bodyLine: block.bodyLine,
  };
  for (const { key, value, line } of block.headers) {
    switch (key) {
      case 'HOOK':
        pass.hooks.push(identifier(value, line, key));
        break;
      case 'BIND':
        pass.binds.push(identifier(value, line, key));
        break;
      case 'SAVE':
        pass.save = identifier(value, line, key);
        break;
      case 'DESC':
        pass.description = value.slice(0, 200);
        break;
      case 'COMPONENTS':
        pass.components = integer(value, line, '//!COMPONENTS', 1, 4);
        break;
      case 'WIDTH':
        pass.width = expression(value, line, key);
        break;
      case 'HEIGHT':
        pass.height = expression(value, line, key);
        break;
      case 'WHEN':
        pass.when = expression(value, line, key);
        break;
      case 'OFFSET': {
        if (value === 'ALIGN') pass.offset = 'align';
        else {
          const parts = value.split(/\s+/);
          if (parts.length !== 2) throw new HookFileError(line, '//!OFFSET takes two numbers (x y) or ALIGN');
          pass.offset = { x: number(parts[0] ?? '', line, '//!OFFSET x'), y: number(parts[1] ?? '', line, '//!OFFSET y') };
        }
        break;
      }
      case 'COMPUTE': {
        const parts = value.split(/\s+/);
        if (parts.length !== 2 && parts.length !== 4) throw new HookFileError(line, '//!COMPUTE takes the block size and optionally the thread count: bw bh [tw th]');
        const [blockWidth, blockHeight, threadsWidth, threadsHeight] = parts.map((part, index) =>
          integer(part, line, index < 2 ? '//!COMPUTE block size' : '//!COMPUTE thread count', 1, index < 2 ? hookFileLimits.computeBlock : hookFileLimits.computeThreads),
        );
        pass.compute = {
          blockWidth: blockWidth ?? 1,
          blockHeight: blockHeight ?? 1,
          threadsWidth: threadsWidth ?? blockWidth ?? 1,
          threadsHeight: threadsHeight ?? blockHeight ?? 1,
        };
        if (pass.compute.threadsWidth * pass.compute.threadsHeight > hookFileLimits.computeThreads) {
          throw new HookFileError(line, `//!COMPUTE asks for ${pass.compute.threadsWidth * pass.compute.threadsHeight} threads per group; at most ${hookFileLimits.computeThreads}`);
        }
        break;
      }
      default:
        throw new HookFileError(line, `//!${key} is not a directive of a hook pass (HOOK, BIND, SAVE, DESC, COMPONENTS, WIDTH, HEIGHT, WHEN, OFFSET, COMPUTE)`);
    }
  }
  if (pass.hooks.length === 0) throw new HookFileError(pass.line, 'this pass names no //!HOOK: it would never run');
  return pass;
}

function readTexture(block: Block): HookTexture {
  const first = block.headers[0];
  const texture: Omit<HookTexture, 'texels'> = {
    name: identifier(first?.value ?? '', first?.line ?? 0, 'TEXTURE'),
    width: 0,
    height: 0,
    format: { components: 4, type: 'unorm8' },
    filter: 'linear',
    border: 'clamp',
    line: first?.line ?? 0,
  };
  let sized = false;
  for (const { key, value, line } of block.headers.slice(1)) {
    switch (key) {
      case 'SIZE': {
        const parts = value.split(/\s+/);
        if (parts.length === 3) throw new HookFileError(line, '3D textures are not supported');
        if (parts.length > 2) throw new HookFileError(line, '//!SIZE takes a width and an optional height');
        texture.width = integer(parts[0] ?? '', line, 'the width', 1, hookFileLimits.textureSide);
        texture.height = parts[1] === undefined ? 1 : integer(parts[1], line, 'the height', 1, hookFileLimits.textureSide);
        sized = true;
        break;
      }
      case 'FORMAT': {
        const format = /^(rgba|rgb|rg|r)(8|16|16f|16hf|32f)$/.exec(value);
        const type = format ? formatTypes[format[2] ?? ''] : undefined;
        if (!format || !type) throw new HookFileError(line, `the texture format “${value}” is not supported (r, rg, rgb or rgba with 8, 16, 16f or 32f)`);
        texture.format = { components: componentCounts[(format[1] ?? 'rgba') as keyof typeof componentCounts], type: type.type };
        break;
      }
      case 'FILTER':
        if (value !== 'LINEAR' && value !== 'NEAREST') throw new HookFileError(line, '//!FILTER is LINEAR or NEAREST');
        texture.filter = value === 'LINEAR' ? 'linear' : 'nearest';
        break;
      case 'BORDER':
        if (value !== 'CLAMP' && value !== 'REPEAT' && value !== 'MIRROR') throw new HookFileError(line, '//!BORDER is CLAMP, REPEAT or MIRROR');
        texture.border = value === 'CLAMP' ? 'clamp' : value === 'REPEAT' ? 'repeat' : 'mirror';
        break;
      case 'STORAGE':
        throw new HookFileError(line, 'storage textures (written by a shader) are not supported');
      default:
        throw new HookFileError(line, `//!${key} is not a directive of a texture (SIZE, FORMAT, FILTER, BORDER)`);
    }
  }
  if (!sized) throw new HookFileError(texture.line, `the texture ${texture.name} has no //!SIZE`);
  const count = texture.width * texture.height * texture.format.components;
  const hex = block.body.join('').replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) throw new HookFileError(block.bodyLine, `the texture ${texture.name}'s data is not hexadecimal`);
  const bytes = hex.length / 2;
  // 16-bit float textures are often written as 32-bit floats (mpv-prescalers does), which
  // libplacebo takes as well: the length of the data says which.
  const componentBytes = texture.format.type === 'float16' && bytes === count * 4 ? 4 : (formatBytes[texture.format.type] ?? 1);
  const expected = count * componentBytes;
  if (expected > hookFileLimits.textureBytes) throw new HookFileError(texture.line, `the texture ${texture.name} would take ${expected} bytes; at most ${hookFileLimits.textureBytes}`);
  if (bytes !== expected) throw new HookFileError(block.bodyLine, `the texture ${texture.name} needs ${expected} bytes of data; the file gives ${Math.floor(bytes)}`);
  const data = new Uint8Array(expected);
  for (let index = 0; index < expected; index++) data[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return { ...texture, texels: texelsOf(data, texture.format.type === 'float16' && componentBytes === 4 ? 'float32' : texture.format.type) };
}

const formatBytes: Record<TextureFormat['type'], number> = { unorm8: 1, unorm16: 2, float16: 2, float32: 4 };

/** Little-endian texel data as numbers. */
function texelsOf(data: Uint8Array, type: TextureFormat['type']): Float32Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const count = data.byteLength / formatBytes[type];
  const texels = new Float32Array(count);
  for (let index = 0; index < count; index++) {
    if (type === 'unorm8') texels[index] = (data[index] ?? 0) / 255;
    else if (type === 'unorm16') texels[index] = view.getUint16(index * 2, true) / 65535;
    else if (type === 'float32') texels[index] = view.getFloat32(index * 4, true);
    else texels[index] = halfToFloat(view.getUint16(index * 2, true));
  }
  return texels;
}

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function readParameter(block: Block): HookParameter {
  const first = block.headers[0];
  const parameter: HookParameter = {
    name: identifier(first?.value ?? '', first?.line ?? 0, 'PARAM'),
    description: null,
    type: 'float',
    mode: 'dynamic',
    minimum: null,
    maximum: null,
    value: 0,
    line: first?.line ?? 0,
  };
  for (const { key, value, line } of block.headers.slice(1)) {
    switch (key) {
      case 'DESC':
        parameter.description = value.slice(0, 200);
        break;
      case 'TYPE': {
        const words = value.split(/\s+/);
        if (words.includes('ENUM')) throw new HookFileError(line, 'enumerated parameters (//!TYPE ENUM) are not supported');
        // libplacebo's bare DEFINE: an integer the GLSL sees as a #define (usable in #if).
        if (value === 'DEFINE') {
          parameter.type = 'int';
          parameter.mode = 'define';
          break;
        }
        const type = words.at(-1);
        if (type !== 'float' && type !== 'int' && type !== 'uint') throw new HookFileError(line, `a parameter's type is float, int or uint, not “${value}”`);
        const mode = words.length > 1 ? words[0] : 'DYNAMIC';
        if (words.length > 2 || (mode !== 'DYNAMIC' && mode !== 'CONSTANT' && mode !== 'DEFINE')) throw new HookFileError(line, `“${value}” is not a parameter type ([DYNAMIC|CONSTANT|DEFINE] float|int|uint)`);
        parameter.type = type;
        parameter.mode = mode === 'DEFINE' ? 'define' : mode === 'CONSTANT' ? 'constant' : 'dynamic';
        break;
      }
      case 'MINIMUM':
        parameter.minimum = number(value, line, '//!MINIMUM');
        break;
      case 'MAXIMUM':
        parameter.maximum = number(value, line, '//!MAXIMUM');
        break;
      default:
        throw new HookFileError(line, `//!${key} is not a directive of a parameter (DESC, TYPE, MINIMUM, MAXIMUM)`);
    }
  }
  const text = block.body.join(' ').trim();
  parameter.value = number(text, block.bodyLine, `the default of ${parameter.name}`);
  if (parameter.type !== 'float' && !Number.isInteger(parameter.value)) throw new HookFileError(block.bodyLine, `${parameter.name} is a whole-number parameter; its default is ${text}`);
  if (parameter.type === 'uint' && parameter.value < 0) throw new HookFileError(block.bodyLine, `${parameter.name} is unsigned; its default is ${text}`);
  if ((parameter.minimum !== null && parameter.value < parameter.minimum) || (parameter.maximum !== null && parameter.value > parameter.maximum)) {
    throw new HookFileError(block.bodyLine, `the default of ${parameter.name} (${text}) lies outside its own range`);
  }
  return parameter;
}

export function parseHookFile(text: string): HookFile {
  if (text.length > hookFileLimits.bytes) throw new HookFileError(1, `the file is larger than ${hookFileLimits.bytes / 1024 / 1024} MB`);
  const file: HookFile = { passes: [], textures: [], parameters: [] };
  const names = new Set<string>();
  for (const block of blocksOf(text)) {
    const first = block.headers[0];
    if (!first) continue;
    if (first.key === 'TEXTURE') {
      const texture = readTexture(block);
      if (names.has(texture.name)) throw new HookFileError(texture.line, `${texture.name} is defined twice`);
      names.add(texture.name);
      file.textures.push(texture);
      if (file.textures.length > hookFileLimits.textures) throw new HookFileError(texture.line, `more than ${hookFileLimits.textures} textures`);
    } else if (first.key === 'PARAM') {
      const parameter = readParameter(block);
      if (names.has(parameter.name)) throw new HookFileError(parameter.line, `${parameter.name} is defined twice`);
      names.add(parameter.name);
      file.parameters.push(parameter);
      if (file.parameters.length > hookFileLimits.parameters) throw new HookFileError(parameter.line, `more than ${hookFileLimits.parameters} parameters`);
    } else if (first.key === 'BUFFER') {
      throw new HookFileError(first.line, 'shared buffers (//!BUFFER) are not supported');
    } else {
      file.passes.push(readPass(block));
      if (file.passes.length > hookFileLimits.passes) throw new HookFileError(first.line, `more than ${hookFileLimits.passes} passes`);
    }
  }
  if (file.passes.length === 0) throw new HookFileError(1, 'the file has no //!HOOK pass');
  return file;
}
