import type { ConvLayer } from './networks';
import type { RpnExpression } from './userShaders/rpn';

/**
 * A pass is data, as in mpv's user-shader hooks: what it reads, what it writes, how large the
 * result is, when it runs, and the program that computes it. Both GPU backends and the CPU
 * reference run the same passes; only `program` is turned into code, per backend.
 */

/** The sizes a rule may refer to: the current image, the source, the output rectangle, or a saved texture. */
export type SizeReference = 'MAIN' | 'NATIVE' | 'OUTPUT' | (string & {});

/** WIDTH = reference.width × scale (rounded), HEIGHT likewise, as mpv's `WIDTH OUTPUT.w 2 /`. */
export interface SizeRule {
  reference: SizeReference;
  scale: number;
}

/** One comparison of a WHEN condition, applied to both axes: OUTPUT / denominator ⋛ value. */
export interface ScaleCondition {
  denominator: 'MAIN' | 'NATIVE';
  comparison: 'above' | 'below';
  value: number;
}

export type PassProgram =
  /** One CNN layer; `inputs` of the pass map to the layer's inputs in order (plus MAIN for the residual). */
  | { kind: 'conv'; layer: ConvLayer }
  /** 2× depth-to-space of 1 (luma) or 3 (RGB) textures, plus MAIN upsampled bilinearly. */
  | { kind: 'depth-to-space'; channels: 1 | 3 }
  /** Maximum of BT.601 luma over a 5-pixel line (axis x) or of channel 0 (axis y). */
  | { kind: 'luma-max'; axis: 'x' | 'y'; radius: number }
  /** Limits luma to the local maximum measured on the source: Anime4K's Clamp Highlights. */
  | { kind: 'clamp-luma' }
  /** Plain resampling with the texture unit's bilinear filter (mpv's HOOKED_tex). */
  | { kind: 'bilinear' }
  /** A reference scaler (Catmull-Rom, …) as one pass: the classic algorithm's pre-upscale. */
  | { kind: 'scale'; scaler: 'bilinear' | 'catmull-rom' | 'mitchell' | 'lanczos3'; shift?: Offset }
  /** Anime4K 2019: bilinear pre-upscale to the output, with luma in alpha as the height map. */
  | { kind: 'classic-upscale' }
  /** Anime4K 2019: the optional line-thinning pre-pass (pushes light colour onto dark lines); keeps luma in alpha. */
  | { kind: 'classic-thin'; strength: number }
  /** Anime4K 2019: Sobel gradient of luma, stored as 1 − |∇| so edges are valleys. */
  | { kind: 'classic-gradient' }
  /** Anime4K 2019: pushes colour toward edges by gradient ascent on the gradient map; keeps luma in alpha. */
  | { kind: 'classic-push'; strength: number }
  /**
   * A pass of a user's mpv shader file: its GLSL body run in the environment libplacebo gives a
   * hook (`NAME_tex`, `NAME_pos`, … for each bound texture, `hook()` returning the colour).
   * `binds` are the names as the file writes them; the pass's inputs are the same textures.
   */
  | {
      kind: 'user';
      file: string;
      hook: string;
      body: string;
      bodyLine: number;
      binds: string[];
      defines: [string, string][];
      textures: FileTexture[];
      /** `//!COMPUTE`: a compute pass writing `out_image`, in blocks of that size with that many threads. */
      compute: { blockWidth: number; blockHeight: number; threadsWidth: number; threadsHeight: number } | null;
    }
  /** mpv's planes from our RGB picture (BT.709, full range): LUMA (Y) or CHROMA (Cb, Cr around 0.5). */
  | { kind: 'planes'; plane: 'luma' | 'chroma' }
  /**
   * LUMA and CHROMA back to RGB at LUMA's size, chroma resampled bilinearly: MAIN for the hooks
   * after. `chromaShift` (chroma texels) lines chroma up with luma when hooks shifted either.
   */
  | { kind: 'planes-merge'; chromaShift?: Offset };

/**
 * Where a texture's picture lies in it, as libplacebo keeps a texture's rectangle: the shift in
 * the texture's own pixels that `//!OFFSET` passes left in it, for the next scaler to undo.
 */
export interface Offset {
  x: number;
  y: number;
}

/** A look-up texture a shader file carries (`//!TEXTURE`), as RGBA texels row by row. */
export interface FileTexture {
  name: string;
  width: number;
  height: number;
  rgba: Float32Array;
  filter: 'linear' | 'nearest';
  border: 'clamp' | 'repeat' | 'mirror';
}

/**
 * The stages of the picture a pass may hook, in the order they come: RGB (the decoded picture, as
 * an RGB source's plane), the planes made from it, NATIVE (the planes merged), MAIN, PREKERNEL
 * before the final scaler, and after it POSTKERNEL, SCALED, PREOUTPUT and OUTPUT.
 */
export const hookStages = ['RGB', 'LUMA', 'CHROMA', 'NATIVE', 'MAIN', 'PREKERNEL', 'POSTKERNEL', 'SCALED', 'PREOUTPUT', 'OUTPUT'] as const;
export type HookStage = (typeof hookStages)[number];

export interface PassDefinition {
  /** Shown in the frame-time readout and in error reports. */
  description: string;
  /**
   * Where it runs, in mpv's order: MAIN passes on the image, PREKERNEL on the final image before
   * the scaler; POSTKERNEL, SCALED and OUTPUT on the picture already scaled to the output size.
   */
  hook: HookStage;
  /** Named inputs; 'MAIN' is the image at this point. */
  inputs: string[];
  /** The name the result is saved as; 'MAIN' replaces the image. */
  output: string;
  size: SizeRule;
  /** All must hold; empty means always. */
  when: ScaleCondition[];
  /** Channels that carry data (a 1-component statistic still lives in an RGBA texture). */
  components: 1 | 2 | 3 | 4;
  program: PassProgram;
  /**
   * A user shader's own expressions (RPN over texture sizes and the file's //!PARAM values, at the
   * viewer's settings), evaluated per frame size in place of `size` and `when`; a missing width or
   * height keeps the hooked texture's.
   */
  expressions?: { width: RpnExpression | null; height: RpnExpression | null; when: RpnExpression | null; variables?: Record<string, number> };
  /** `//!OFFSET`: the shift this pass leaves in its result (pixels of the result), or 'align' to the picture. */
  offset?: Offset | 'align';
}

export interface Size {
  width: number;
  height: number;
}
