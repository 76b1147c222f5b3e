import type { Anime4kMode, UpscalePreset, UpscaleTier } from '../../electron/common/upscaling';
import type { PassDefinition } from './model';
import type { NetworkDescription, NetworkId } from './networks';
import { loadNetwork } from './networkLoader';
import { autoDownscalePasses, clampHighlightsPasses, classicPasses, networkPasses } from './passes';
import type { ShaderSource } from './userShaders/userPasses';
import { userShaderPasses } from './userShaders/userPasses';

type Role = 'restore' | 'restore-soft' | 'upscale' | 'upscale-denoise';
/** primary: the first network of a chain (VL in HQ); secondary: the ones after it (M in HQ). */
type Place = 'primary' | 'secondary';
type Step = { role: Role; place: Place } | 'clamp' | 'auto-downscale';

/** The official mpv templates, mode by mode (Clamp Highlights first; auto-downscale before the late stages). */
const recipes: Record<Anime4kMode, Step[]> = {
  A: ['clamp', { role: 'restore', place: 'primary' }, { role: 'upscale', place: 'primary' }, 'auto-downscale', { role: 'upscale', place: 'secondary' }],
  B: ['clamp', { role: 'restore-soft', place: 'primary' }, { role: 'upscale', place: 'primary' }, 'auto-downscale', { role: 'upscale', place: 'secondary' }],
  C: ['clamp', { role: 'upscale-denoise', place: 'primary' }, 'auto-downscale', { role: 'upscale', place: 'secondary' }],
  'A+A': [
    'clamp',
    { role: 'restore', place: 'primary' },
    { role: 'upscale', place: 'primary' },
    { role: 'restore', place: 'secondary' },
    'auto-downscale',
    { role: 'upscale', place: 'secondary' },
  ],
  'B+B': [
    'clamp',
    { role: 'restore-soft', place: 'primary' },
    { role: 'upscale', place: 'primary' },
    'auto-downscale',
    { role: 'restore-soft', place: 'secondary' },
    { role: 'upscale', place: 'secondary' },
  ],
  'C+A': [
    'clamp',
    { role: 'upscale-denoise', place: 'primary' },
    'auto-downscale',
    { role: 'restore', place: 'secondary' },
    { role: 'upscale', place: 'secondary' },
  ],
};

/** Official size per tier and place: Fast is M then S, HQ is VL then M; Ultra is ours: UL then M. */
const officialSizes: Record<UpscaleTier, Record<Place, 'S' | 'M' | 'VL' | 'UL'>> = {
  fast: { primary: 'M', secondary: 'S' },
  hq: { primary: 'VL', secondary: 'M' },
  ultra: { primary: 'UL', secondary: 'M' },
};

/** The weights the package carries, per role and size. */
const available: Record<Role, Partial<Record<'S' | 'M' | 'VL' | 'UL', NetworkId>>> = {
  restore: { M: 'restore-cnn-m', VL: 'restore-cnn-vl', UL: 'restore-cnn-ul' },
  'restore-soft': { M: 'restore-cnn-soft-m', VL: 'restore-cnn-soft-vl' },
  upscale: { M: 'upscale-cnn-x2-m', VL: 'upscale-cnn-x2-vl', UL: 'upscale-cnn-x2-ul' },
  'upscale-denoise': { VL: 'upscale-denoise-cnn-x2-vl' },
};

const nearestSizes: Record<'S' | 'M' | 'VL' | 'UL', ('S' | 'M' | 'VL' | 'UL')[]> = {
  S: ['S', 'M', 'VL'],
  M: ['M', 'VL'],
  VL: ['VL', 'M'],
  UL: ['UL', 'VL'],
};

const roleNames: Record<Role, string> = {
  restore: 'Restore',
  'restore-soft': 'Restore Soft',
  upscale: 'Upscale',
  'upscale-denoise': 'Upscale Denoise',
};

export interface ResolvedChain {
  steps: ({ network: NetworkId; stage: string } | 'clamp' | 'auto-downscale')[];
  /** Where the weights package lacks the official network and a neighbour size stands in. */
  substitutions: string[];
}

/** Which networks a mode and tier run, with the stand-ins where the official size is missing. */
export function resolveChain(mode: Anime4kMode, tier: UpscaleTier): ResolvedChain {
  const substitutions: string[] = [];
  const steps = recipes[mode].map((step, index) => {
    if (typeof step === 'string') return step;
    const wanted = officialSizes[tier][step.place];
    const size = nearestSizes[wanted].find((candidate) => available[step.role][candidate]);
    const network = size ? available[step.role][size] : undefined;
    if (!size || !network) throw new Error(`No weights for ${roleNames[step.role]}`);
    if (size !== wanted) substitutions.push(`${roleNames[step.role]} ${wanted} → ${size}`);
    return { network, stage: `${index}-${step.role}` };
  });
  return { steps, substitutions };
}

function chainSignature(chain: ResolvedChain): string {
  return chain.steps.map((step) => (typeof step === 'string' ? step : step.network)).join(',');
}

/**
 * The tiers a mode really has: a tier whose networks are the same as HQ's (because the package
 * lacks its weights) is not offered, so "Fast" never silently means HQ.
 */
export function tiersOf(mode: Anime4kMode): UpscaleTier[] {
  const hq = chainSignature(resolveChain(mode, 'hq'));
  return (['fast', 'hq', 'ultra'] as const).filter(
    (tier) => tier === 'hq' || chainSignature(resolveChain(mode, tier)) !== hq,
  );
}

/** Default strengths of the classic algorithm for a 2× upscale (its Java reference scales them). */
export const classicDefaults = { thinStrength: 0.3, pushStrength: 1, iterations: 1 };

/** Where a chain's shader files come from: the viewer's shaders folder, through the main process. */
export type ShaderSources = (chain: string) => Promise<ShaderSource[]>;

/** The passes of a preset, with the networks (or the viewer's shader files) it needs loaded. 'off' has none. */
export async function buildPreset(preset: UpscalePreset, shaderSources?: ShaderSources): Promise<PassDefinition[]> {
  if (preset.kind === 'off') return [];
  if (preset.kind === 'classic') return classicPasses(classicDefaults);
  if (preset.kind === 'shaders') {
    if (!shaderSources) throw new Error('Shader chains cannot run here.');
    return userShaderPasses(await shaderSources(preset.chain));
  }
  const chain = resolveChain(preset.mode, preset.tier);
  const networks = new Map<NetworkId, NetworkDescription>();
  for (const step of chain.steps) {
    if (typeof step !== 'string' && !networks.has(step.network)) networks.set(step.network, await loadNetwork(step.network));
  }
  return assemble(chain, networks);
}

/** Synchronous half of buildPreset, for callers (tests, the CPU reference) that hold the networks. */
export function assemble(chain: ResolvedChain, networks: Map<NetworkId, NetworkDescription>): PassDefinition[] {
  const passes: PassDefinition[] = [];
  const prekernel: PassDefinition[] = [];
  for (const step of chain.steps) {
    if (step === 'clamp') {
      const clamp = clampHighlightsPasses();
      passes.push(...clamp.filter((pass) => pass.hook === 'MAIN'));
      prekernel.push(...clamp.filter((pass) => pass.hook === 'PREKERNEL'));
    } else if (step === 'auto-downscale') {
      passes.push(...autoDownscalePasses());
    } else {
      const network = networks.get(step.network);
      if (!network) throw new Error(`The ${step.network} network is not loaded.`);
      passes.push(...networkPasses(network, step.stage));
    }
  }
  return [...passes, ...prekernel];
}
