import type { KireiBridge } from '../../electron/common/bridge';
import type { StoreHandle } from '../store';

/**
 * What the player core and the action helpers are given instead of reaching for globals: the
 * bridge to the main process (`window.kirei` in the app, a fake in tests) and the store.
 */
export interface PlayerPorts {
  bridge: KireiBridge;
  store: StoreHandle;
}

export type { StoreHandle };
