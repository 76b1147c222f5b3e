import type { StateCreator } from 'zustand';
import type { PictureEstimate } from '../../electron/common/picture';
import type { Settings } from '../../electron/common/settings';
import type { UpscalePreset } from '../../electron/common/upscaling';
import type { KireiState } from './index';

export interface StageSummary {
  backend: 'webgl2' | 'webgpu';
  renderer: string;
  timing: 'gpu' | 'cpu';
  reason: string;
}

/** What the open file's picture showed, for the readout and the reason. */
export interface PictureState {
  /**
   * measuring: the file's own estimate is being made (`estimate` may hold its series' meanwhile);
   * skipped: the file is not looked at (the setting is off, or its picture is outside what is measured).
   */
  status: 'measuring' | 'measured' | 'failed' | 'skipped';
  estimate: PictureEstimate | null;
  /** Why it could not be measured, or why it is not looked at, in words. */
  problem: string | null;
}

/** The preset drawing now, as the preset controller (renderer/player) publishes it: it is the only writer. */
export interface PresetState {
  /** The preset drawing now, and why it was chosen. */
  activePreset: UpscalePreset;
  presetReason: string;
  /** A preset the viewer picked for this session (menu or Ctrl+1…6); null follows the rules. */
  manualPreset: UpscalePreset | null;
  /** Why the chosen preset is not running (it failed to compile on this GPU). */
  presetFailure: { message: string; detail: string } | null;
  /** The open file's picture measurement; null while nothing is open or nothing is known yet. */
  picture: PictureState | null;
}

export interface PipelineSlice extends PresetState {
  /** The viewer's settings as the main process keeps them; null until loaded. */
  settings: Settings | null;
  stage: StageSummary | null;
  statsVisible: boolean;
  helpVisible: boolean;
  setSettings(settings: Settings): void;
  setStage(stage: StageSummary | null): void;
  /** For the preset controller only. */
  setPresetState(state: Partial<PresetState>): void;
  toggleStats(): void;
  setHelpVisible(visible: boolean): void;
}

export const createPipelineSlice: StateCreator<KireiState, [], [], PipelineSlice> = (set) => ({
  settings: null,
  stage: null,
  activePreset: { kind: 'off' },
  presetReason: '',
  manualPreset: null,
  presetFailure: null,
  picture: null,
  statsVisible: false,
  helpVisible: false,
  setSettings: (settings) => set({ settings }),
  setStage: (stage) => set({ stage }),
  setPresetState: (state) => set(state),
  toggleStats: () => set((state) => ({ statsVisible: !state.statsVisible })),
  setHelpVisible: (helpVisible) => set({ helpVisible }),
});
