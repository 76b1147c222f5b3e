import type { Page } from '@playwright/test';

/** The loudest frequency of what the video element plays now, measured through Web Audio. */
export async function dominantFrequency(page: Page): Promise<number> {
  return page.evaluate(async () => {
    type Probe = { context: AudioContext; analyser: AnalyserNode };
    const holder = window as unknown as { kireiAudioProbe?: Probe };
    const video = document.querySelector('video');
    if (!video) return -1;
    if (!holder.kireiAudioProbe) {
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 4096;
      context.createMediaElementSource(video).connect(analyser);
      holder.kireiAudioProbe = { context, analyser };
    }
    const { context, analyser } = holder.kireiAudioProbe;
    await context.resume();
    await new Promise((resolve) => setTimeout(resolve, 400));
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let loudest = 0;
    for (let index = 1; index < bins.length; index++) if ((bins[index] ?? -Infinity) > (bins[loudest] ?? -Infinity)) loudest = index;
    return (loudest * context.sampleRate) / analyser.fftSize;
  });
}
