export class FormatError extends Error {}
export const networks: Record<string, string>;
export function layerSources(bundle: string): string[];
export function parseLayer(source: string): { title: string; layer: { name: string; inputs: string[]; residual: boolean; kernel: number; terms: unknown[]; bias: number[] } };
export function networksFromBundle(bundle: string): { id: string; title: string; kind: string; layers: { name: string; terms: unknown[] }[]; macPerPixel: number }[];
