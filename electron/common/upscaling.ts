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
