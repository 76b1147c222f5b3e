import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KireiError } from '../../common/errors';
import type { ChildProcesses } from '../childProcesses';
import { toolProcesses } from '../childProcesses';
import type { ToolResult } from '../media/ffmpegRun';
import { complaint, inputArguments, refusedFormat, runTool, subtitleFormats } from '../media/ffmpegRun';

/** A 200 MB script plus ffmpeg's own conversion overhead. */
export const maximumTrackBytes = 256 * 1024 * 1024;
const extractionTimeoutMs = 120_000;
/** No real font is larger than 64 MB (CJK families are 20–30); an episode's fonts together stay far under 256 MB. */
export const fontLimits = { fontBytes: 64 * 1024 * 1024, totalBytes: 256 * 1024 * 1024, fonts: 500 };

export interface Extractor {
  ffmpeg: string;
  /** Where the processes are tracked; the app's shared set unless given. */
  processes?: ChildProcesses;
  /** The video the work is for (a sidecar's runs stop when its video closes); the file read unless given. */
  owner?: string;
}

async function run(tool: Extractor, file: string, args: string[], cwd?: string): Promise<ToolResult> {
  const result = await runTool(tool.processes ?? toolProcesses, tool.ffmpeg, ['-nostdin', '-v', 'error', ...args], {
    file: tool.owner ?? file,
    timeoutMs: extractionTimeoutMs,
    maximumOutputBytes: maximumTrackBytes,
    ...(cwd ? { cwd } : {}),
  });
  if (result.overflowed) throw new KireiError('unsupported', 'This subtitle track is larger than 256 MB; Kirei does not load it.');
  if (result.timedOut) throw new KireiError('not-media', 'Reading the subtitles took more than two minutes; the file may be damaged.');
  if (result.stopped) throw new KireiError('not-media', 'Reading the subtitles was stopped.');
  return result;
}

function unreadable(message: string, result: ToolResult, file: string): KireiError {
  const refused = refusedFormat(result.stderr);
  return new KireiError('not-media', refused ? `${message} It is ${refused}.` : message, complaint(result.stderr, file));
}

/**
 * One embedded text track as an ASS script, as bytes. ASS and SSA tracks are copied as they are
 * (every typesetting tag kept); SRT, WebVTT and mov_text are converted by ffmpeg, so that every
 * text format is drawn by libass with one consistent style.
 */
export async function extractEmbeddedTrack(tool: Extractor, videoPath: string, streamIndex: number, codec: string): Promise<Buffer> {
  const copy = codec === 'ass' || codec === 'ssa';
  const result = await run(tool, videoPath, [...inputArguments(videoPath), '-map', `0:${streamIndex}`, '-c:s', copy ? 'copy' : 'ass', '-f', 'ass', 'pipe:1']);
  if (result.exitCode !== 0 && result.stdout.toString('latin1').trim() === '') throw unreadable('The subtitle track could not be read from the file.', result, videoPath);
  return result.stdout;
}

/** An embedded PGS track as a .sup stream, byte for byte: the renderer decodes its pictures. */
export async function extractPictureTrack(tool: Extractor, videoPath: string, streamIndex: number): Promise<Buffer> {
  const result = await run(tool, videoPath, [...inputArguments(videoPath), '-map', `0:${streamIndex}`, '-c:s', 'copy', '-f', 'sup', 'pipe:1']);
  if (result.exitCode !== 0 && result.stdout.length === 0) throw unreadable('The subtitle track could not be read from the file.', result, videoPath);
  return result.stdout;
}

/** A sidecar SRT or WebVTT file converted to ASS, for the same reason as embedded ones. */
export async function convertSidecar(tool: Extractor, subtitlePath: string): Promise<Buffer> {
  const result = await run(tool, subtitlePath, [...inputArguments(subtitlePath, subtitleFormats), '-c:s', 'ass', '-f', 'ass', 'pipe:1']);
  if (result.exitCode !== 0 || result.stdout.toString('latin1').trim() === '') throw unreadable('This subtitle file could not be read.', result, subtitlePath);
  return result.stdout;
}

/**
 * The font attachments of a Matroska file, by stream index. Each is written to a name we choose
 * (an attachment's own file name could point outside the folder) in a private temporary folder.
 */
export async function extractFontAttachments(tool: Extractor, videoPath: string, streamIndexes: number[]): Promise<{ fonts: Map<number, Uint8Array>; skipped: number }> {
  const fonts = new Map<number, Uint8Array>();
  let skipped = 0;
  if (streamIndexes.length === 0) return { fonts, skipped };
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-fonts-'));
  try {
    const dumps = streamIndexes.flatMap((index) => [`-dump_attachment:${index}`, path.join(folder, `${index}.font`)]);
    // ffmpeg complains that no output was given, after it has written the attachments: the files tell.
    const result = await run(tool, videoPath, ['-y', ...dumps, ...inputArguments(videoPath)], folder);
    let total = 0;
    for (const name of await readdir(folder)) {
      const index = Number(path.basename(name, '.font'));
      if (!Number.isInteger(index)) continue;
      const size = (await stat(path.join(folder, name))).size;
      if (size > fontLimits.fontBytes || total + size > fontLimits.totalBytes) {
        skipped++;
        continue;
      }
      total += size;
      fonts.set(index, new Uint8Array(await readFile(path.join(folder, name))));
    }
    if (fonts.size === 0 && skipped === 0 && result.stderr.trim()) throw unreadable('The fonts attached to this file could not be read.', result, videoPath);
    return { fonts, skipped };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
