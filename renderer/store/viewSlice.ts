import type { StateCreator } from 'zustand';
import type { ScalerKind } from '../../electron/common/upscaling';
import type { KireiState } from './index';

export interface ViewSlice {
  scaler: ScalerKind;
  controlsVisible: boolean;
  setScaler(scaler: ScalerKind): void;
  setControlsVisible(visible: boolean): void;
}

export const createViewSlice: StateCreator<KireiState, [], [], ViewSlice> = (set) => ({
  scaler: 'catmull-rom',
  controlsVisible: true,
  setScaler: (scaler) => set({ scaler }),
  setControlsVisible: (controlsVisible) => set({ controlsVisible }),
});
