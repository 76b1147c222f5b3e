import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { KireiError } from '../../common/errors';
import type { MediaProbe } from '../../common/media';
import type { LoadedSubtitle, SubtitleChoice } from '../../common/subtitles';
import type { ChildProcesses } from '../childProcesses';
import { toolProcesses } from '../childProcesses';
import type { Extractor } from './extract';
import { convertSidecar, extractEmbeddedTrack, extractFontAttachments, extractPictureTrack, fontLimits } from './extract';
import { fontNamesOf, fontNamesOfFile } from './fontNames';
import type { ScriptAnalysis } from './scriptCheck';
import { describeSkipped, describeSkippedFonts } from './scriptCheck';
import { analyseInWorker } from './scriptWorker';
import type { SidecarFile } from './sidecars';
import { findSidecars } from './sidecars';
import { fontFilesUnder } from './systemFonts';
import type { SystemFonts } from './systemFonts';
import { languageName } from '../../common/languages';

const textCodecs = new Set(['ass', 'ssa', 'subrip', 'srt', 'webvtt', 'mov_text', 'text']);
/** Bitmap formats the player draws itself; the others (VobSub, DVB) are only listed. */
const pictureCodecs = new Set(['hdmv_pgs_subtitle']);
const formatNames: Record<string, string> = { ass: 'ASS', ssa: 'SSA', subrip: 'SRT', srt: 'SRT', webvtt: 'WebVTT', vtt: 'WebVTT', mov_text: 'MP4 text', hdmv_pgs_subtitle: 'PGS', dvd_subtitle: 'VobSub', dvb_subtitle: 'DVB' };
/** Scripts beyond this are refused with a message rather than freezing anything. */
const maximumScriptBytes = 200 * 1024 * 1024;
const cachedFiles = 4;

interface FontFile {
  names: string[];
  data: Uint8Array;
}

/** A track as read: a PGS stream, or an ASS script analysed in a worker. */
type ReadTrack = { kind: 'picture'; pgs: Uint8Array } | { kind: 'text'; analysis: ScriptAnalysis };

interface FileSubtitles {
  sidecars: SidecarFile[];
  scripts: Map<string, Promise<ReadTrack>>;
  attachments: Promise<{ fonts: FontFile[]; problem: string | null }> | null;
  folderFonts: Promise<FontFile[]> | null;
}

export interface SubtitleServiceDependencies {
  ffmpeg: () => Promise<string | null>;
  systemFonts: SystemFonts;
  /** Where ffmpeg runs are tracked; the app's shared set unless given. */
  processes?: ChildProcesses;
}

/**
 * Subtitle tracks of open files: lists what the file and its folder offer, extracts or converts a
 * track when it is picked (never before: playback does not wait for subtitles), and gathers the
 * fonts it needs. What was read is kept for the last few files, so switching tracks is instant.
 */
export class SubtitleService {
  private readonly files = new Map<string, FileSubtitles>();

  constructor(private readonly dependencies: SubtitleServiceDependencies) {}

  async list(videoPath: string, probe: MediaProbe): Promise<SubtitleChoice[]> {
    const entry = await this.entry(videoPath);
    const embedded: SubtitleChoice[] = probe.subtitles.map((track) => ({
      id: `embedded:${track.index}`,
      source: 'embedded',
      label: labelOf(track.title, track.language, track.isForced),
      fileName: null,
      language: track.language,
      format: formatNames[track.codec] ?? track.codec,
      isDefault: track.isDefault,
      isForced: track.isForced,
      renderable: textCodecs.has(track.codec) || pictureCodecs.has(track.codec),
    }));
    const sidecars: SubtitleChoice[] = entry.sidecars.map((file, index) => ({
      id: `sidecar:${index}`,
      source: 'sidecar',
      label: file.title || file.language ? labelOf(file.title, file.language, file.isForced) : `Subtitle file${file.isForced ? ', forced' : ''}`,
      fileName: path.basename(file.path),
      language: file.language,
      format: formatNames[file.format] ?? file.format,
      isDefault: file.isDefault,
      isForced: file.isForced,
      renderable: true,
    }));
    return [...embedded, ...sidecars];
  }

  async load(videoPath: string, probe: MediaProbe, trackId: string): Promise<LoadedSubtitle> {
    const entry = await this.entry(videoPath);
    let script = entry.scripts.get(trackId);
    if (!script) {
      script = this.readScript(videoPath, probe, entry, trackId);
      entry.scripts.set(trackId, script);
      // A failed read is tried again next time: the drive may be back.
      script.catch(() => entry.scripts.delete(trackId));
    }
    const read = await script;
    if (read.kind === 'picture') return { content: '', pgs: read.pgs, fonts: [], warnings: [] };
    const { analysis } = read;
    const warnings = [describeSkipped(analysis), describeSkippedFonts(analysis.skippedFonts)].filter((warning): warning is string => warning !== null);
    const embedded = analysis.fonts.map((data) => ({ names: fontNamesOf(data), data }));
    const fonts = await this.fontsFor(videoPath, probe, entry, embedded, analysis.fontNames, warnings);
    return { content: analysis.content, pgs: null, fonts: fonts.map((font) => ({ name: font.names[0] ?? 'font', data: font.data })), warnings };
  }

  /** Forgets a file's extracted tracks and fonts (it was closed, or changed on disk) and stops ffmpeg working on it. */
  forget(videoPath: string): void {
    this.files.delete(videoPath);
    (this.dependencies.processes ?? toolProcesses).stopFile(videoPath);
  }

  private async entry(videoPath: string): Promise<FileSubtitles> {
    const known = this.files.get(videoPath);
    if (known) {
      // Most recently used last, so the oldest is the first to go.
      this.files.delete(videoPath);
      this.files.set(videoPath, known);
      return known;
    }
    const created: FileSubtitles = { sidecars: await findSidecars(videoPath), scripts: new Map(), attachments: null, folderFonts: null };
    this.files.set(videoPath, created);
    while (this.files.size > cachedFiles) {
      const oldest = this.files.keys().next().value;
      if (oldest === undefined) break;
      this.files.delete(oldest);
    }
    return created;
  }

  private async tools(videoPath: string): Promise<Extractor> {
    const ffmpeg = await this.dependencies.ffmpeg();
    if (!ffmpeg) throw new KireiError('ffmpeg-missing', 'Kirei needs ffmpeg to read subtitles. Install ffmpeg, or choose its location in the settings.');
    return { ffmpeg, owner: videoPath, ...(this.dependencies.processes ? { processes: this.dependencies.processes } : {}) };
  }

  private async readScript(videoPath: string, probe: MediaProbe, entry: FileSubtitles, trackId: string): Promise<ReadTrack> {
    const [source, number] = trackId.split(':');
    const index = Number(number);
    if (source === 'embedded') {
      const track = probe.subtitles.find((candidate) => candidate.index === index);
      if (!track) throw new KireiError('not-found', 'That subtitle track is not in this file.');
      if (pictureCodecs.has(track.codec)) return { kind: 'picture', pgs: await extractPictureTrack(await this.tools(videoPath), videoPath, index) };
      if (!textCodecs.has(track.codec)) {
        throw new KireiError('unsupported', `${formatNames[track.codec] ?? track.codec} subtitles are pictures, which Kirei lists but cannot draw yet.`);
      }
      return { kind: 'text', analysis: await analyseInWorker(await extractEmbeddedTrack(await this.tools(videoPath), videoPath, index, track.codec)) };
    }
    const file = entry.sidecars[index];
    if (!file) throw new KireiError('not-found', 'That subtitle file is no longer beside the video.');
    const info = await stat(file.path).catch(() => null);
    if (!info?.isFile()) throw new KireiError('not-found', `The subtitle file ${path.basename(file.path)} is no longer beside the video.`);
    if (info.size > maximumScriptBytes) throw new KireiError('unsupported', `The subtitle file ${path.basename(file.path)} is ${Math.round(info.size / 1e6)} MB, too large to load.`);
    const bytes = file.format === 'ass' || file.format === 'ssa' ? await readFile(file.path) : await convertSidecar(await this.tools(videoPath), file.path);
    return { kind: 'text', analysis: await analyseInWorker(bytes) };
  }

  private async fontsFor(videoPath: string, probe: MediaProbe, entry: FileSubtitles, embedded: FontFile[], wanted: Map<string, string>, warnings: string[]): Promise<FontFile[]> {
    entry.attachments ??= this.readAttachments(videoPath, probe).then(
      ({ fonts, skipped }) => ({ fonts, problem: skipped ? `${skipped} font${skipped === 1 ? '' : 's'} attached to this file ${skipped === 1 ? 'was' : 'were'} left out: larger than ${fontLimits.fontBytes / 1048576} MB, or too many together.` : null }),
      (error: unknown) => ({ fonts: [], problem: `The fonts attached to this file could not be read (${error instanceof Error ? error.message : String(error)}).` }),
    );
    entry.folderFonts ??= readFontFolder(path.join(path.dirname(videoPath), 'Fonts'));
    const attachments = await entry.attachments;
    // Said with every track that needs them, not only the first.
    if (attachments.problem) warnings.push(attachments.problem);
    const provided = [...embedded, ...attachments.fonts, ...(await entry.folderFonts)];
    const available = new Set(provided.flatMap((font) => font.names));
    const fromSystem: FontFile[] = [];
    const missing: string[] = [];
    for (const [name, written] of wanted) {
      if (available.has(name)) continue;
      const file = await this.dependencies.systemFonts.find(name);
      if (file) {
        fromSystem.push({ names: await fontNamesOfFile(file), data: new Uint8Array(await readFile(file)) });
        for (const known of fromSystem.at(-1)?.names ?? []) available.add(known);
      } else missing.push(written);
    }
    if (missing.length) {
      warnings.push(`Font${missing.length === 1 ? '' : 's'} not found: ${missing.join(', ')}. ${missing.length === 1 ? 'It is' : 'They are'} drawn in the default font instead.`);
    }
    return [...provided, ...fromSystem];
  }

  private async readAttachments(videoPath: string, probe: MediaProbe): Promise<{ fonts: FontFile[]; skipped: number }> {
    const indexes = probe.attachments.filter((attachment) => attachment.isFont).map((attachment) => attachment.index).slice(0, fontLimits.fonts);
    if (indexes.length === 0) return { fonts: [], skipped: 0 };
    const { fonts, skipped } = await extractFontAttachments(await this.tools(videoPath), videoPath, indexes);
    return { fonts: [...fonts.values()].map((data) => ({ names: fontNamesOf(data), data })), skipped };
  }
}

/** The fonts of a Fonts folder beside the video, within the same limits as attached ones. */
async function readFontFolder(folder: string): Promise<FontFile[]> {
  const fonts: FontFile[] = [];
  let total = 0;
  for (const file of (await fontFilesUnder(folder, 1)).slice(0, fontLimits.fonts)) {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || info.size > fontLimits.fontBytes || total + info.size > fontLimits.totalBytes) continue;
    total += info.size;
    const data = new Uint8Array(await readFile(file));
    fonts.push({ names: fontNamesOf(data), data });
  }
  return fonts;
}

/** "English SRT" (its title already names the language), "Signs (English)", "English", "Untitled track". */
export function labelOf(title: string | null, language: string | null, forced: boolean): string {
  const name = language ? languageName(language) : null;
  let label = title ?? name ?? 'Untitled track';
  if (title && name && !title.toLowerCase().includes(name.toLowerCase())) label = `${title} (${name})`;
  return forced ? `${label}, forced` : label;
}
