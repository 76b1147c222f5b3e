import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { PortsProvider } from './app/ports';
import type { PlayerPorts } from './player/ports';
import { useKirei } from './store';
import './styles/base.css';
import './styles/player.css';
import './styles/menus.css';
import './styles/library.css';
import './styles/panels.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
// The composition root: the only place that reaches for the preload's bridge and the app's store.
const ports: PlayerPorts = { bridge: window.kirei, store: useKirei };
createRoot(root).render(
  <StrictMode>
    <PortsProvider ports={ports}>
      <App />
    </PortsProvider>
  </StrictMode>,
);
