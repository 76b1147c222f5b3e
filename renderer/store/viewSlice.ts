import type { StateCreator } from 'zustand';
import type { KireiState } from './index';

export interface ViewSlice {
  controlsVisible: boolean;
  settingsVisible: boolean;
  /** The magnifier shows while its key or the middle button is held. */
  magnifierActive: boolean;
  setControlsVisible(visible: boolean): void;
  setMagnifierActive(active: boolean): void;
  setSettingsVisible(visible: boolean): void;
}

export const createViewSlice: StateCreator<KireiState, [], [], ViewSlice> = (set) => ({
  controlsVisible: true,
  settingsVisible: false,
  magnifierActive: false,
  setMagnifierActive: (magnifierActive) => set({ magnifierActive }),
  setControlsVisible: (controlsVisible) => set({ controlsVisible }),
  setSettingsVisible: (settingsVisible) => set({ settingsVisible }),
});
