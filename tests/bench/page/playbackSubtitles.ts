// The player's subtitle layer (libass in its worker) in the playback benchmark: the same script
// drawn over every run, Kirei's and the peer's alike, at the canvas' 4K size.
import { SubtitleLayer } from '../../../renderer/subtitles/subtitleLayer';
import { canvasSize } from './playbackMedia';
import { median, percentile } from './statistics';

export interface SubtitleFigures {
  script: string;
  /** Seconds of the script skipped: its lines meet the clip from there on. */
  lead: number;
  /** Video frames that asked libass for their subtitles, and those answered. */
  requested: number;
  answered: number;
  /** From a frame's request to the worker's drawing (or its skipping the frame for a newer one). */
  latencyMs: { median: number; p95: number; p99: number };
  /** Answers that came later than one frame of the clip. */
  late: number;
}

interface Script {
  name: string;
  text: string;
  fonts: Uint8Array[];
}

const parameters = new URLSearchParams(location.search);
/** Seconds of the script skipped, so that its dense part meets the clips' first frames. */
const scriptLead = Number(parameters.get('subtitleLead') ?? 12.6);
let script: Promise<Script | null> | null = null;

async function bytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The script and fonts the benchmark put beside the page (`subtitles=off` runs without). */
function loadScript(): Promise<Script | null> {
  script ??= (async () => {
    if (parameters.get('subtitles') === 'off') return null;
    const list = JSON.parse(new TextDecoder().decode(await bytes('subtitles/list.json'))) as { script: string; fonts: string[] };
    const text = new TextDecoder().decode(await bytes(`subtitles/${list.script}`));
    return { name: list.script, text, fonts: await Promise.all(list.fonts.map((font) => bytes(`subtitles/${font}`))) };
  })();
  return script;
}

export class PlaybackSubtitles {
  private readonly latencies: number[] = [];
  private readonly frameSteps: number[] = [];
  private lastMediaTime: number | null = null;
  private requested = 0;

  private constructor(
    private readonly name: string,
    private readonly container: HTMLElement,
    private readonly layer: SubtitleLayer,
  ) {}

  /** A layer showing the script over the page's picture, or null when the run has none. */
  static async create(): Promise<PlaybackSubtitles | null> {
    const loaded = await loadScript();
    if (!loaded) return null;
    // Laid out at the canvas' size (libass draws at 4K) and shown scaled as the picture is.
    const container = document.createElement('div');
    Object.assign(container.style, { position: 'absolute', left: '0', top: '0', width: `${canvasSize.width}px`, height: `${canvasSize.height}px`, transformOrigin: '0 0', transform: `scale(${640 / canvasSize.width})`, pointerEvents: 'none' });
    document.body.appendChild(container);
    const layer = new SubtitleLayer(container);
    layer.place({ x: 0, y: 0, ...canvasSize });
    await layer.show(loaded.text, loaded.fonts);
    // The opening's typesetting starts 12.6 s in: shown that much earlier, every clip plays under it.
    layer.setDelay(-scriptLead);
    return new PlaybackSubtitles(loaded.name, container, layer);
  }

  /** The subtitles of one presented frame, as the player asks for them. */
  frame(mediaTime: number, videoWidth: number, videoHeight: number): void {
    if (this.lastMediaTime !== null && mediaTime > this.lastMediaTime) this.frameSteps.push((mediaTime - this.lastMediaTime) * 1000);
    this.lastMediaTime = mediaTime;
    this.requested++;
    const started = performance.now();
    void this.layer.render(mediaTime, videoWidth, videoHeight).then(() => this.latencies.push(performance.now() - started));
  }

  figures(): SubtitleFigures {
    const frameMs = median(this.frameSteps);
    return {
      script: this.name,
      lead: scriptLead,
      requested: this.requested,
      answered: this.latencies.length,
      latencyMs: { median: median(this.latencies), p95: percentile(this.latencies, 0.95), p99: percentile(this.latencies, 0.99) },
      late: Number.isFinite(frameMs) ? this.latencies.filter((latency) => latency > frameMs).length : 0,
    };
  }

  dispose(): void {
    this.layer.dispose();
    this.container.remove();
  }
}
