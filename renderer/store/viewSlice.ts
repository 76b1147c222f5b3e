import type { StateCreator } from 'zustand';
import type { KireiState } from './index';

export interface ViewSlice {
  controlsVisible: boolean;
  settingsVisible: boolean;
  /** The magnifier shows while its key or the middle button is held. */
  magnifierActive: boolean;
  /** Menus of the player's bar that are open: the bar stays while one is. */
  openMenus: string[];
  /** The bar shows the time left instead of the time played. */
  showRemaining: boolean;
  setShowRemaining(remaining: boolean): void;
  setControlsVisible(visible: boolean): void;
  setMenuOpen(menu: string, open: boolean): void;
  setMagnifierActive(active: boolean): void;
  setSettingsVisible(visible: boolean): void;
}

export const createViewSlice: StateCreator<KireiState, [], [], ViewSlice> = (set) => ({
  controlsVisible: true,
  settingsVisible: false,
  magnifierActive: false,
  openMenus: [],
  showRemaining: false,
  setShowRemaining: (showRemaining) => set({ showRemaining }),
  setMenuOpen: (menu, open) =>
    set((state) => ({ openMenus: open ? [...state.openMenus.filter((other) => other !== menu), menu] : state.openMenus.filter((other) => other !== menu) })),
  setMagnifierActive: (magnifierActive) => set({ magnifierActive }),
  setControlsVisible: (controlsVisible) => set({ controlsVisible }),
  setSettingsVisible: (settingsVisible) => set({ settingsVisible }),
});
