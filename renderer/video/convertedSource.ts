export interface ConvertedSourceOptions {
  /** The file's media URL; the converted stream is asked for with `?convert&start=&audio=`. */
  url: string;
  /** MIME type with codecs, as the main process planned the conversion. */
  mimeType: string;
  /** From the probe: the seek bar shows the whole file before all of it is converted. */
  duration: number | null;
  /** Source stream index of the audio track to carry; null for none. */
  audioIndex: number | null;
  /** Where the first stream starts (a resume position). */
  startAt: number;
  /** The stream broke before its end (not because we stopped it). */
  onFailure(error: Error): void;
}

/** How far ahead of the playhead the stream is read; beyond it ffmpeg waits (the pipe fills). */
const aheadSeconds = 60;
/** Kept behind the playhead, so a short seek back needs no new stream. */
const behindSeconds = 20;
/** A new stream starts this much before the target, so the target itself is always inside it. */
const leadSeconds = 0.5;
/** A seek this far past what has arrived waits for the running stream instead of starting another. */
const reachSeconds = 3;

/**
 * Feeds ffmpeg's fragmented MP4 into Media Source Extensions. The fragments carry the source's
 * own timestamps, so the element's clock, duration and seeking work as for a plain file; a seek
 * outside what is buffered (or coming) starts a new stream at the target.
 */
export class ConvertedSource {
  readonly url: string;
  private readonly mediaSource = new MediaSource();
  private buffer: SourceBuffer | null = null;
  private feed: AbortController | null = null;
  private feedStart = 0;
  private feedRunning = false;
  private readonly listeners = new AbortController();
  private wake: (() => void) | null = null;

  constructor(
    private readonly element: HTMLVideoElement,
    private readonly options: ConvertedSourceOptions,
  ) {
    this.url = URL.createObjectURL(this.mediaSource);
    const signal = this.listeners.signal;
    this.mediaSource.addEventListener('sourceopen', () => this.open(), { once: true, signal });
    element.addEventListener('seeking', () => this.handleSeek(), { signal });
    for (const event of ['timeupdate', 'seeking', 'play']) element.addEventListener(event, () => this.wake?.(), { signal });
  }

  /** Plays another audio track from where the viewer is: a new stream, then a seek in place. */
  setAudio(audioIndex: number | null): void {
    if (audioIndex === this.options.audioIndex) return;
    this.options.audioIndex = audioIndex;
    const position = this.element.currentTime;
    this.start(Math.max(0, position - leadSeconds));
    // The decoders still hold the old track's samples; a seek flushes them.
    this.element.currentTime = position;
  }

  dispose(): void {
    this.feed?.abort();
    this.listeners.abort();
    this.wake?.();
    URL.revokeObjectURL(this.url);
  }

  private open(): void {
    try {
      if (this.options.duration && this.options.duration > 0) this.mediaSource.duration = this.options.duration;
      this.buffer = this.mediaSource.addSourceBuffer(this.options.mimeType);
    } catch (error) {
      this.options.onFailure(new Error(`this browser cannot play the converted stream (${this.options.mimeType}): ${messageOf(error)}`));
      return;
    }
    this.start(this.options.startAt);
  }

  private handleSeek(): void {
    if (!this.buffer) return;
    const target = this.element.currentTime;
    if (this.isBuffered(target)) return;
    const coming = this.feedRunning && target >= this.feedStart && target <= this.bufferedEnd() + reachSeconds;
    if (!coming) this.start(Math.max(0, target - leadSeconds));
  }

  private isBuffered(time: number): boolean {
    const ranges = this.buffer?.buffered;
    if (!ranges) return false;
    for (let index = 0; index < ranges.length; index++) {
      if (ranges.start(index) <= time + 0.1 && ranges.end(index) > time + 0.5) return true;
    }
    return false;
  }

  private bufferedEnd(): number {
    const ranges = this.buffer?.buffered;
    return ranges && ranges.length > 0 ? ranges.end(ranges.length - 1) : this.feedStart;
  }

  private start(at: number): void {
    this.feed?.abort();
    const feed = new AbortController();
    this.feed = feed;
    this.feedStart = at;
    this.feedRunning = true;
    void this.run(at, feed.signal).finally(() => {
      if (this.feed === feed) this.feedRunning = false;
    });
  }

  private async run(at: number, signal: AbortSignal): Promise<void> {
    const buffer = this.buffer;
    if (!buffer) return;
    try {
      // A new stream brings its own header; what the last one left is dropped.
      await this.idle(buffer);
      if (signal.aborted) return;
      if (this.mediaSource.readyState === 'open') buffer.abort();
      await this.remove(buffer, 0, Infinity);
      if (signal.aborted) return;

      const audio = this.options.audioIndex === null ? '' : `&audio=${this.options.audioIndex}`;
      const response = await fetch(`${this.options.url}?convert&start=${at.toFixed(3)}${audio}`, { signal });
      if (!response.ok || !response.body) throw new Error(`the conversion did not start (HTTP ${response.status})`);
      const reader: ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>> = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (signal.aborted) return;
        if (done) break;
        await this.append(buffer, value, signal);
        if (signal.aborted) return;
        this.startPlaybackInside(buffer);
        await this.makeRoom(buffer, signal);
      }
      await this.idle(buffer);
      if (!signal.aborted && this.mediaSource.readyState === 'open') this.mediaSource.endOfStream();
    } catch (error) {
      if (signal.aborted) return;
      this.options.onFailure(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private async append(buffer: SourceBuffer, data: Uint8Array<ArrayBuffer>, signal: AbortSignal): Promise<void> {
    for (;;) {
      await this.idle(buffer);
      if (signal.aborted) return;
      try {
        buffer.appendBuffer(data);
        await this.idle(buffer);
        return;
      } catch (error) {
        if (!(error instanceof DOMException && error.name === 'QuotaExceededError')) throw error;
        // Full: drop what is behind the playhead, else wait for playback to use some up.
        const behind = this.element.currentTime - 2;
        const ranges = buffer.buffered;
        if (ranges.length > 0 && ranges.start(0) < behind) await this.remove(buffer, 0, behind);
        else await this.nextWake(signal);
      }
    }
  }

  /** Waits while enough is buffered ahead; trims what is far behind. */
  private async makeRoom(buffer: SourceBuffer, signal: AbortSignal): Promise<void> {
    const behind = this.element.currentTime - behindSeconds;
    const ranges = buffer.buffered;
    if (ranges.length > 0 && ranges.start(0) < behind - 10) await this.remove(buffer, 0, behind);
    while (!signal.aborted && this.bufferedEnd() - this.element.currentTime > aheadSeconds) await this.nextWake(signal);
  }

  /** The element starts at 0; a stream whose first frame is a few milliseconds later would leave it waiting. */
  private startPlaybackInside(buffer: SourceBuffer): void {
    const ranges = buffer.buffered;
    if (ranges.length === 0 || this.element.seeking) return;
    const first = ranges.start(0);
    const now = this.element.currentTime;
    if (now < first && first - now < 1) this.element.currentTime = first;
  }

  private remove(buffer: SourceBuffer, from: number, to: number): Promise<void> {
    const ranges = buffer.buffered;
    if (ranges.length === 0 || this.mediaSource.readyState === 'closed') return Promise.resolve();
    const end = Math.min(to, this.mediaSource.duration || Infinity, ranges.end(ranges.length - 1) + 1);
    if (end <= from) return Promise.resolve();
    buffer.remove(from, end);
    return this.idle(buffer);
  }

  private idle(buffer: SourceBuffer): Promise<void> {
    if (!buffer.updating) return Promise.resolve();
    return new Promise((resolve) => buffer.addEventListener('updateend', () => resolve(), { once: true }));
  }

  private nextWake(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.wake = null;
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.wake = done;
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
