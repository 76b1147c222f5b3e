import type { CapturedFrame, StageInfo } from '../upscale/stage';

/** Read-only hooks into the running player, for bug reports and end-to-end tests. */
export interface KireiInspector {
  captureFrame(): Promise<CapturedFrame | null>;
  presentedMediaTime(): number | null;
  stageInfo(): (StageInfo & { reason: string }) | null;
  /** Where the picture lies in the canvas, device pixels, top-left origin. */
  pictureRect(): { x: number; y: number; width: number; height: number };
  /** Why the preset that draws now was chosen, once it is compiled and running. */
  presetReason(): string;
  loseContext(): boolean;
  /** The latest on-screen messages, newest last. */
  messages(): string[];
  /** The latest notices (toasts), newest last. */
  notices(): string[];
  /**
   * Replaces measured frame times to drive the governor: one time for every preset, or a time per
   * preset key (`cnn:A:hq`, `classic`); null measures again.
   */
  overrideFrameTime(milliseconds: number | Record<string, number> | null): void;
}
