import type { StateCreator } from 'zustand';
import type { KireiState } from './index';

export interface ViewSlice {
  controlsVisible: boolean;
  settingsVisible: boolean;
  setControlsVisible(visible: boolean): void;
  setSettingsVisible(visible: boolean): void;
}

export const createViewSlice: StateCreator<KireiState, [], [], ViewSlice> = (set) => ({
  controlsVisible: true,
  settingsVisible: false,
  setControlsVisible: (controlsVisible) => set({ controlsVisible }),
  setSettingsVisible: (settingsVisible) => set({ settingsVisible }),
});
