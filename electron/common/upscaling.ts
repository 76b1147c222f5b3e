/**
 * Domain names of the picture pipeline that the settings, the store and the UI share.
 * The passes behind them live in renderer/upscale.
 */
export const scalerKinds = ['bilinear', 'catmull-rom', 'mitchell', 'lanczos3'] as const;
export type ScalerKind = (typeof scalerKinds)[number];

export const scalerLabels: Record<ScalerKind, string> = {
  bilinear: 'Bilinear',
  'catmull-rom': 'Bicubic (Catmull-Rom)',
  mitchell: 'Bicubic (Mitchell)',
  lanczos3: 'Lanczos-3',
};

/** Anime4K's modes, as its mpv template names them (Ctrl+1…6). */
export const anime4kModes = ['A', 'B', 'C', 'A+A', 'B+B', 'C+A'] as const;
export type Anime4kMode = (typeof anime4kModes)[number];

/** Speed tiers: Fast runs the M networks, HQ runs VL then M, Ultra runs UL where it exists. */
export const upscaleTiers = ['fast', 'hq', 'ultra'] as const;
export type UpscaleTier = (typeof upscaleTiers)[number];

export const tierLabels: Record<UpscaleTier, string> = { fast: 'Fast', hq: 'HQ', ultra: 'Ultra' };

export type UpscalePreset =
  | { kind: 'off' }
  | { kind: 'classic' }
  | { kind: 'cnn'; mode: Anime4kMode; tier: UpscaleTier }
  /** A chain of the viewer's mpv shader files, saved under this name. */
  | { kind: 'shaders'; chain: string };

export function presetLabel(preset: UpscalePreset): string {
  switch (preset.kind) {
    case 'off':
      return 'Off';
    case 'classic':
      return 'Anime4K Classic';
    case 'cnn':
      return `Anime4K Mode ${preset.mode} · ${tierLabels[preset.tier]}`;
    case 'shaders':
      return `Shaders: ${preset.chain}`;
  }
}

export function presetKey(preset: UpscalePreset): string {
  if (preset.kind === 'cnn') return `cnn:${preset.mode}:${preset.tier}`;
  return preset.kind === 'shaders' ? `shaders:${preset.chain}` : preset.kind;
}

/** "A · HQ", "Classic", "Off": the preset on the player's bar, where room is short. */
export function shortPresetLabel(preset: UpscalePreset): string {
  switch (preset.kind) {
    case 'off':
      return 'Off';
    case 'classic':
      return 'Classic';
    case 'cnn':
      return `${preset.mode} · ${tierLabels[preset.tier]}`;
    case 'shaders':
      return preset.chain.length > 14 ? `${preset.chain.slice(0, 13)}…` : preset.chain;
  }
}

/**
 * What each mode is for, in a viewer's words (after Anime4K's own guide): the pick depends on how
 * blurry and how damaged the source is, not on the file's height alone.
 */
export const modeDescriptions: Record<Anime4kMode | 'off' | 'classic', string> = {
  off: 'The plain scaler only',
  classic: 'Light and quick: pushes lines thinner and sharper',
  A: 'Blurry sources, most 1080p anime',
  B: 'Soft sources with ringing or jagged lines, often 720p',
  C: 'Low-resolution sources (480p and below), with denoising',
  'A+A': 'Mode A twice: sharper still, more artefacts',
  'B+B': 'Mode B twice: for very soft sources',
  'C+A': 'Mode C, then A: low-resolution and blurry',
};

/** What the tiers trade, in a viewer's words. */
export const tierDescriptions: Record<UpscaleTier, string> = {
  fast: 'Smaller networks: for weaker graphics cards and laptops',
  hq: 'Anime4K’s recommended networks',
  ultra: 'The largest networks: for strong graphics cards',
};
