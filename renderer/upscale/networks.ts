/**
 * Network descriptions derived at build time from the official Anime4K weights
 * (scripts/generate-networks.mjs). One term is one 4×4 matrix applied to one 4-channel tap.
 */
export interface ConvTerm {
  /** Index into the layer's `inputs`. */
  input: number;
  /** identity: the texture as is; positive/negative: the two halves of CReLU, max(±x, 0). */
  sign: 'identity' | 'positive' | 'negative';
  dx: number;
  dy: number;
  /** Column-major 4×4 (column j multiplies input channel j), as GLSL's mat4 constructor. */
  matrix: number[];
}

export interface ConvLayer {
  /** The texture this layer writes. */
  name: string;
  /** Textures it reads; 'MAIN' is the image the network runs on. */
  inputs: string[];
  /** The network's image is added to the result (Restore's last layer). */
  residual: boolean;
  kernel: 1 | 3;
  terms: ConvTerm[];
  bias: number[];
}

export interface NetworkDescription {
  id: NetworkId;
  title: string;
  kind: 'restore' | 'upscale';
  /** Upscale networks end in a 2× depth-to-space of these layers (1: luma only, 3: RGB). */
  depthToSpace: { inputs: string[]; channels: 1 | 3 } | null;
  macPerPixel: number;
  layers: ConvLayer[];
  source: string;
}

export const networkIds = [
  'restore-cnn-m',
  'restore-cnn-vl',
  'restore-cnn-ul',
  'restore-cnn-soft-m',
  'restore-cnn-soft-vl',
  'upscale-cnn-x2-m',
  'upscale-cnn-x2-vl',
  'upscale-cnn-x2-ul',
  'upscale-denoise-cnn-x2-vl',
] as const;
export type NetworkId = (typeof networkIds)[number];
