import type { OpenedMedia } from '../../electron/common/media';
import type { PlayerPorts } from './ports';

const saveIntervalMs = 5000;
const nextEpisodeCountdownMs = 10_000;

/** Where to start a file: where the viewer stopped, unless that was the very start or the very end. */
export function resumePosition(media: OpenedMedia): number | null {
  const resume = media.resumePosition;
  return resume !== null && resume > 1 && resume < (media.probe.durationSeconds ?? Infinity) * 0.95 ? resume : null;
}

/** What progress needs of the element: where it is and whether it plays. */
export type ProgressVideo = Pick<HTMLVideoElement, 'currentTime' | 'duration' | 'paused' | 'readyState' | 'addEventListener'>;

/**
 * The open file's place in the library: saved every few seconds while playing, at each pause,
 * when the file closes and when the window goes; at the end it is watched, and the next episode
 * is offered with a countdown.
 */
export class Progress {
  private media: OpenedMedia | null = null;
  private readonly timer: number;
  private readonly saveOnLeave = () => void this.save(true);

  constructor(
    private readonly ports: PlayerPorts,
    private readonly video: ProgressVideo,
  ) {
    this.timer = window.setInterval(() => {
      if (!this.video.paused) void this.save(false);
    }, saveIntervalMs);
    video.addEventListener('pause', () => void this.save(false));
    video.addEventListener('ended', () => void this.finish());
    window.addEventListener('pagehide', this.saveOnLeave);
  }

  open(media: OpenedMedia): void {
    this.media = media;
    this.ports.store.getState().setNextOffer(null);
  }

  /** The file closes: its last place is written before the main process forgets it. */
  close(): Promise<void> {
    const saved = this.save(true);
    this.media = null;
    this.ports.store.getState().setNextOffer(null);
    return saved;
  }

  /** Tells the library where the viewer is in the open file. */
  save(final: boolean): Promise<void> {
    const media = this.media;
    const video = this.video;
    if (!media || !Number.isFinite(video.currentTime) || video.readyState === 0) return Promise.resolve();
    const duration = Number.isFinite(video.duration) && video.duration > 0 ? video.duration : media.probe.durationSeconds;
    return this.ports.bridge.library.saveProgress({ mediaId: media.id, position: video.currentTime, duration: duration ?? null, final }).then(
      () => undefined,
      (error: unknown) => console.warn('progress was not saved', error),
    );
  }

  dispose(): void {
    window.clearInterval(this.timer);
    window.removeEventListener('pagehide', this.saveOnLeave);
  }

  /** At the end: recorded as watched, and the next episode offered; it starts after a countdown. */
  private async finish(): Promise<void> {
    const media = this.media;
    await this.save(true);
    if (!media || this.media !== media) return;
    const next = await this.ports.bridge.library.nextEpisode({ mediaId: media.id }).catch(() => null);
    if (next && this.media === media) this.ports.store.getState().setNextOffer({ ...next, startsAt: performance.now() + nextEpisodeCountdownMs });
  }
}
