import type { PassDefinition, ScaleCondition } from './model';
import type { NetworkDescription } from './networks';

/** Anime4K runs an upscale only while the output still needs at least 1.2× the current image. */
export const upscaleWhen: ScaleCondition[] = [{ denominator: 'MAIN', comparison: 'above', value: 1.2 }];

/**
 * The passes of one CNN, as the official shaders hook them. `stage` keeps the texture names of
 * two instances apart (A+A runs Restore twice).
 */
export function networkPasses(network: NetworkDescription, stage: string): PassDefinition[] {
  const local = (name: string) => (name === 'MAIN' ? 'MAIN' : `${stage}/${name}`);
  const when = network.kind === 'upscale' ? upscaleWhen : [];
  const passes: PassDefinition[] = network.layers.map((layer) => {
    const writesMain = network.kind === 'restore' && layer.residual;
    return {
      description: `${network.title} ${layer.name}`,
      hook: 'MAIN',
      inputs: [...layer.inputs.map(local), ...(layer.residual ? ['MAIN'] : [])],
      output: writesMain ? 'MAIN' : local(layer.name),
      size: { reference: layer.inputs[0] === 'MAIN' || writesMain ? 'MAIN' : local(layer.inputs[0] ?? 'MAIN'), scale: 1 },
      when,
      components: 4,
      program: { kind: 'conv', layer },
    };
  });
  if (network.depthToSpace) {
    const [first = 'MAIN'] = network.depthToSpace.inputs;
    passes.push({
      description: `${network.title} depth-to-space`,
      hook: 'MAIN',
      inputs: [...network.depthToSpace.inputs.map(local), 'MAIN'],
      output: 'MAIN',
      size: { reference: local(first), scale: 2 },
      when,
      components: 4,
      program: { kind: 'depth-to-space', channels: network.depthToSpace.channels },
    });
  }
  return passes;
}

/**
 * Clamp Highlights: measures a 5×5 local maximum of luma on the source, before any CNN, and
 * clamps the luma of the final image to it (mpv's PREKERNEL), which removes the ringing the
 * CNNs can add around bright lines.
 */
export function clampHighlightsPasses(): PassDefinition[] {
  return [
    {
      description: 'Clamp Highlights statistics (x)',
      hook: 'MAIN',
      inputs: ['MAIN'],
      output: 'clamp/statistics-x',
      size: { reference: 'MAIN', scale: 1 },
      when: [],
      components: 1,
      program: { kind: 'luma-max', axis: 'x', radius: 2 },
    },
    {
      description: 'Clamp Highlights statistics (y)',
      hook: 'MAIN',
      inputs: ['clamp/statistics-x'],
      output: 'clamp/statistics',
      size: { reference: 'MAIN', scale: 1 },
      when: [],
      components: 1,
      program: { kind: 'luma-max', axis: 'y', radius: 2 },
    },
    {
      description: 'Clamp Highlights',
      hook: 'PREKERNEL',
      inputs: ['MAIN', 'clamp/statistics'],
      output: 'MAIN',
      size: { reference: 'MAIN', scale: 1 },
      when: [],
      components: 4,
      program: { kind: 'clamp-luma' },
    },
  ];
}

/**
 * Anime4K's AutoDownscalePre steps: when the output is between 1.2× and 2× the source, the 2×
 * image is brought down to the output (no second upscale then); between 2.4× and 4×, to half
 * the output, so that the second 2× upscale lands exactly on it.
 */
export function autoDownscalePasses(): PassDefinition[] {
  return [
    {
      description: 'Auto-downscale (×2)',
      hook: 'MAIN',
      inputs: ['MAIN'],
      output: 'MAIN',
      size: { reference: 'OUTPUT', scale: 1 },
      when: [
        { denominator: 'NATIVE', comparison: 'below', value: 2 },
        { denominator: 'NATIVE', comparison: 'above', value: 1.2 },
      ],
      components: 4,
      program: { kind: 'bilinear' },
    },
    {
      description: 'Auto-downscale (×4)',
      hook: 'MAIN',
      inputs: ['MAIN'],
      output: 'MAIN',
      size: { reference: 'OUTPUT', scale: 0.5 },
      when: [
        { denominator: 'NATIVE', comparison: 'below', value: 4 },
        { denominator: 'NATIVE', comparison: 'above', value: 2.4 },
      ],
      components: 4,
      program: { kind: 'bilinear' },
    },
  ];
}

export interface ClassicOptions {
  /** Line thinning before the push; 0 turns the pre-pass off. */
  thinStrength: number;
  /** How far each push moves a pixel's colour toward its neighbours (0–1). */
  pushStrength: number;
  /** Push iterations; each sharpens further. */
  iterations: number;
}

/**
 * Anime4K's original 2019 algorithm: upscale first (it is scale-independent; bilinear, as in its
 * "Bilinear + Anime4K" configuration), then treat luma as a height map and push colour toward the
 * edges. Every pass keeps luma in alpha for the next, so there are no separate luma passes.
 */
export function classicPasses(options: ClassicOptions): PassDefinition[] {
  const same = { reference: 'MAIN', scale: 1 } as const;
  const pass = (description: string, program: PassDefinition['program'], extra: Partial<PassDefinition> = {}): PassDefinition => ({
    description,
    hook: 'MAIN',
    inputs: ['MAIN'],
    output: 'MAIN',
    size: same,
    when: [],
    components: 4,
    program,
    ...extra,
  });
  const passes: PassDefinition[] = [pass('Classic pre-upscale (bilinear)', { kind: 'classic-upscale' }, { size: { reference: 'OUTPUT', scale: 1 } })];
  if (options.thinStrength > 0) passes.push(pass('Classic line thinning', { kind: 'classic-thin', strength: options.thinStrength }));
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    passes.push(
      pass('Classic gradient', { kind: 'classic-gradient' }, { output: 'classic/gradient', components: 1 }),
      pass('Classic push', { kind: 'classic-push', strength: options.pushStrength }, { inputs: ['MAIN', 'classic/gradient'] }),
    );
  }
  return passes;
}
