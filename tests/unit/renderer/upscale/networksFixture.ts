import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NetworkDescription, NetworkId } from '../../../../renderer/upscale/networks';
import type { ResolvedChain } from '../../../../renderer/upscale/presets';

const folder = path.resolve(import.meta.dirname, '../../../../build/generated/networks');

/** The generated networks a chain needs (npm run build:networks writes them). */
export function networksFor(chain: ResolvedChain): Map<NetworkId, NetworkDescription> {
  const networks = new Map<NetworkId, NetworkDescription>();
  for (const step of chain.steps) {
    if (typeof step === 'string') continue;
    networks.set(step.network, JSON.parse(readFileSync(path.join(folder, `${step.network}.json`), 'utf8')) as NetworkDescription);
  }
  return networks;
}
