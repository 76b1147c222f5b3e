import type { ConversionPlan } from '../../common/conversion';
import { KireiError } from '../../common/errors';
import type { MediaProbe } from '../../common/media';
import { planConversion } from './conversionPlan';
import type { MediaRegistry } from './registry';
import { mediaContentType } from './registry';

/** Everything the main process knows about one file the viewer has open. */
export interface OpenFile {
  readonly id: string;
  /** The path as the viewer opened it: subtitles beside it, progress and names are found from here. */
  readonly path: string;
  /** What ffprobe said: tracks, attachments, chapters (the credits chapter marks an episode watched). */
  readonly probe: MediaProbe;
  /** How ffmpeg makes it playable; null when the built-in decoders can play it. */
  readonly conversion: ConversionPlan | null;
}

/**
 * The files open now, one record per id, and one `close(id)` that lets go of all of it: the
 * media protocol's entry, and whatever the parts keep per file (converting processes, extracted
 * subtitles and fonts, running probes), each of which says how to let go of it.
 */
export class OpenFiles {
  private readonly files = new Map<string, OpenFile>();
  private readonly closers: ((file: OpenFile) => void)[] = [];

  constructor(private readonly registry: MediaRegistry) {}

  /** A file that probed as audio or video: served from now on, as what it is. */
  async open(filePath: string, probe: MediaProbe): Promise<OpenFile> {
    const id = await this.registry.register(filePath, mediaContentType(probe.container, probe.video !== null));
    const file: OpenFile = { id, path: filePath, probe, conversion: planConversion(probe) };
    this.files.set(id, file);
    return file;
  }

  find(id: string): OpenFile | undefined {
    return this.files.get(id);
  }

  /** The open file, or the words for a file closed meanwhile. */
  get(id: string): OpenFile {
    const file = this.files.get(id);
    if (!file) throw new KireiError('not-found', 'That video is no longer open.');
    return file;
  }

  /** A part that keeps something per open file says here how to let go of it. */
  onClose(closer: (file: OpenFile) => void): void {
    this.closers.push(closer);
  }

  close(id: string): void {
    const file = this.files.get(id);
    if (!file) return;
    this.files.delete(id);
    this.registry.unregister(id);
    for (const closer of this.closers) closer(file);
  }
}
