import type { NetworkDescription, NetworkId } from './networks';

// Vite turns each generated description into its own chunk, loaded when a preset first needs it.
const loaders = import.meta.glob<NetworkDescription>('../../build/generated/networks/*-*.json', { import: 'default' });

const cache = new Map<NetworkId, Promise<NetworkDescription>>();

/** Loads a network's description on first use; each one is a separate chunk of the bundle. */
export function loadNetwork(id: NetworkId): Promise<NetworkDescription> {
  let pending = cache.get(id);
  if (!pending) {
    const loader = loaders[`../../build/generated/networks/${id}.json`];
    if (!loader) return Promise.reject(new Error(`The ${id} network was not generated; run npm run build:networks.`));
    pending = loader();
    cache.set(id, pending);
  }
  return pending;
}
