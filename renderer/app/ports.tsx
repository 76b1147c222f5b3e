import type { ReactNode } from 'react';
import { createContext, useContext } from 'react';
import type { PlayerPorts } from '../player/ports';

const PortsContext = createContext<PlayerPorts | null>(null);

/** Hands the bridge and the store to every component below (the composition root decides what they are). */
export function PortsProvider({ ports, children }: { ports: PlayerPorts; children: ReactNode }) {
  return <PortsContext.Provider value={ports}>{children}</PortsContext.Provider>;
}

/** The bridge and the store, for components that start an action. */
export function usePorts(): PlayerPorts {
  const ports = useContext(PortsContext);
  if (!ports) throw new Error('usePorts outside PortsProvider');
  return ports;
}
