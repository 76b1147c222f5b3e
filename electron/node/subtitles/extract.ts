import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { KireiError } from '../../common/errors';

/** A 50 MB script plus ffmpeg's own conversion overhead. */
const maximumScriptBytes = 256 * 1024 * 1024;
const extractionTimeoutMs = 120_000;

function runFfmpeg(ffmpegPath: string, args: string[], options: { cwd?: string } = {}): Promise<{ stdout: string; stderr: string; failed: boolean }> {
  return new Promise((resolve, reject) => {
    execFile(
      ffmpegPath,
      args,
      { timeout: extractionTimeoutMs, maxBuffer: maximumScriptBytes, encoding: 'utf8', windowsHide: true, ...options },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new KireiError('ffmpeg-missing', 'Kirei needs ffmpeg to read subtitles inside video files.', ffmpegPath));
          return;
        }
        resolve({ stdout, stderr, failed: error !== null });
      },
    );
  });
}

/**
 * One embedded text track as an ASS script. ASS and SSA tracks are copied as they are (every
 * typesetting tag kept); SRT, WebVTT and mov_text are converted by ffmpeg, so that every text
 * format is drawn by libass with one consistent style.
 */
export async function extractEmbeddedTrack(ffmpegPath: string, videoPath: string, streamIndex: number, codec: string): Promise<string> {
  const copy = codec === 'ass' || codec === 'ssa';
  const args = ['-nostdin', '-v', 'error', '-i', `file:${videoPath}`, '-map', `0:${streamIndex}`, '-c:s', copy ? 'copy' : 'ass', '-f', 'ass', 'pipe:1'];
  const { stdout, stderr, failed } = await runFfmpeg(ffmpegPath, args);
  if (failed && stdout.trim() === '') {
    throw new KireiError('not-media', `The subtitle track could not be read from the file.`, stderr.trim().split('\n').slice(-4).join('\n'));
  }
  return stdout;
}

/** An embedded PGS track as a .sup stream, byte for byte: the renderer decodes its pictures. */
export function extractPictureTrack(ffmpegPath: string, videoPath: string, streamIndex: number): Promise<Buffer> {
  const args = ['-nostdin', '-v', 'error', '-i', `file:${videoPath}`, '-map', `0:${streamIndex}`, '-c:s', 'copy', '-f', 'sup', 'pipe:1'];
  return new Promise((resolve, reject) => {
    execFile(ffmpegPath, args, { timeout: extractionTimeoutMs, maxBuffer: maximumScriptBytes, encoding: 'buffer', windowsHide: true }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new KireiError('ffmpeg-missing', 'Kirei needs ffmpeg to read subtitles inside video files.', ffmpegPath));
      } else if (error && stdout.length === 0) {
        reject(new KireiError('not-media', 'The subtitle track could not be read from the file.', stderr.toString('utf8').trim().split('\n').slice(-4).join('\n')));
      } else {
        resolve(stdout);
      }
    });
  });
}

/** A sidecar SRT or WebVTT file converted to ASS, for the same reason as embedded ones. */
export async function convertSidecar(ffmpegPath: string, subtitlePath: string): Promise<string> {
  const { stdout, stderr, failed } = await runFfmpeg(ffmpegPath, ['-nostdin', '-v', 'error', '-i', `file:${subtitlePath}`, '-c:s', 'ass', '-f', 'ass', 'pipe:1']);
  if (failed || stdout.trim() === '') {
    throw new KireiError('not-media', 'This subtitle file could not be read.', stderr.trim().split('\n').slice(-4).join('\n'));
  }
  return stdout;
}

/**
 * The font attachments of a Matroska file, by stream index. Each is written to a name we choose
 * (an attachment's own file name could point outside the folder) in a private temporary folder.
 */
export async function extractFontAttachments(ffmpegPath: string, videoPath: string, streamIndexes: number[]): Promise<Map<number, Uint8Array>> {
  const fonts = new Map<number, Uint8Array>();
  if (streamIndexes.length === 0) return fonts;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-fonts-'));
  try {
    const dumps = streamIndexes.flatMap((index) => [`-dump_attachment:${index}`, path.join(folder, `${index}.font`)]);
    // ffmpeg complains that no output was given, after it has written the attachments: the files tell.
    const { stderr } = await runFfmpeg(ffmpegPath, ['-nostdin', '-v', 'error', '-y', ...dumps, '-i', `file:${videoPath}`], { cwd: folder });
    for (const name of await readdir(folder)) {
      const index = Number(path.basename(name, '.font'));
      if (Number.isInteger(index)) fonts.set(index, new Uint8Array(await readFile(path.join(folder, name))));
    }
    if (fonts.size === 0 && stderr.trim()) throw new KireiError('not-media', 'The fonts attached to this file could not be read.', stderr.trim());
    return fonts;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
