import { measureTier } from '../upscale/tierBenchmark';
import type { TierMeasurement } from '../upscale/tierChoice';
import { benchmarkOutputSize, gpuIdentity } from '../upscale/tierChoice';
import type { PlayerPorts } from './ports';
import { updateSettings } from './settingsActions';

/** The result in words: what was measured and what it means for the picture. */
export function tierMessage(measured: TierMeasurement): string {
  const size = `${measured.outputWidth}×${measured.outputHeight}`;
  const figure =
    measured.frameMs === null
      ? `Mode A HQ did not finish a frame in time at ${size}`
      : `Mode A HQ ${measured.estimated ? 'would take about' : 'takes'} ${measured.frameMs.toFixed(1)} ms a frame at ${size}`;
  return measured.tier === 'hq' ? `Upscaling quality: HQ (${figure})` : `This graphics card is too slow for HQ, so upscaling uses Fast (${figure})`;
}

/**
 * Measures the GPU once when the tier is automatic and no measurement exists for this backend and
 * adapter (first run, a new graphics card, the other backend, or "Measure again"), and stores the
 * result with the GPU's name. Until it is stored, automatic means Fast (start light, step up once
 * the card has shown it can) and the governor keeps watch. It runs beside playback, never before it.
 */
export class TierCheck {
  private running = false;
  /** A GPU whose measurement failed is not measured again until the app restarts: one warning is enough. */
  private failedFor: string | null = null;

  constructor(private readonly ports: PlayerPorts) {}

  /** Whether the settings ask for a measurement the stage on screen has not had. */
  needed(): boolean {
    const { settings, stage } = this.ports.store.getState();
    if (!settings || !stage || settings.upscaling.tier !== 'auto') return false;
    const identity = gpuIdentity(stage);
    return settings.upscaling.measuredTier?.gpu !== identity && this.failedFor !== identity;
  }

  async runIfNeeded(): Promise<void> {
    if (this.running || !this.needed()) return;
    const stage = this.ports.store.getState().stage;
    if (!stage) return;
    this.running = true;
    const state = this.ports.store.getState();
    state.showOsd('Measuring this graphics card to choose the upscaling quality…', 4000);
    try {
      const output = benchmarkOutputSize(window.screen.width, window.screen.height, window.devicePixelRatio);
      const measured = await measureTier(stage.backend, output);
      const settings = this.ports.store.getState().settings;
      if (!settings) return;
      await updateSettings(this.ports, {
        upscaling: {
          ...settings.upscaling,
          measuredTier: {
            gpu: measured.gpu,
            tier: measured.tier,
            ...(measured.frameMs === null ? {} : { frameMs: measured.frameMs }),
            ...(measured.estimated ? { estimated: true } : {}),
          },
        },
      });
      this.ports.store.getState().showOsd(tierMessage(measured), 5000);
    } catch (error) {
      this.failedFor = gpuIdentity(stage);
      this.ports.store.getState().pushToast({
        kind: 'warning',
        text: 'The graphics card could not be measured, so upscaling stays at Fast; the governor steps down further if even that is too slow.',
        detail: error instanceof Error ? error.message : String(error),
      });
    } finally {
      this.running = false;
    }
  }
}
