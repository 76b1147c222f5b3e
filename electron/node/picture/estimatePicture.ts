import { stat } from 'node:fs/promises';
import { KireiError } from '../../common/errors';
import type { PictureEstimate } from '../../common/picture';
import { smallestMeasuredHeight } from '../../common/picture';
import type { ChildProcesses } from '../childProcesses';
import type { FfmpegPaths } from '../media/ffmpegLocator';
import type { OpenFile } from '../media/openFiles';
import type { PictureEstimates } from './pictureEstimates';
import { measureInWorker } from './pictureWorker';
import { sampleLumaFrames } from './sampleFrames';

/**
 * Above 4K a frame is too large to hold six of in memory for a hint (and no anime is drawn there):
 * such files keep the rules, as SD files do.
 */
export const largestMeasured = { width: 4096, height: 2160 };
/** Frames measured per file. */
const sampledFrames = 6;

export interface PictureContext {
  estimates: PictureEstimates;
  ffmpeg: () => Promise<FfmpegPaths | null>;
  processes: ChildProcesses;
}

/**
 * What the picture of an open file says: its own stored measurement when it has one; else, when
 * `measure` is false, its series' last one (or null) at once; else measured now (a few seconds,
 * in a worker) and stored for the file and its series. Null for SD files, files larger than 4K and files without video.
 */
export async function estimatePicture(context: PictureContext, file: OpenFile, seriesKey: string | null, measure: boolean): Promise<PictureEstimate | null> {
  const video = file.probe.video;
  if (!video || video.height < smallestMeasuredHeight || video.height > largestMeasured.height || video.width > largestMeasured.width) return null;
  const facts = await stat(file.path);
  const known = context.estimates.forFile(file.path, facts.size, facts.mtimeMs);
  if (known) return known;
  if (!measure) return seriesKey ? context.estimates.forSeries(seriesKey) : null;
  const tools = await context.ffmpeg();
  if (!tools) throw new KireiError('ffmpeg-missing', 'Kirei needs ffmpeg to look at the picture.');
  const started = performance.now();
  const frames = await sampleLumaFrames(file.path, {
    ffmpeg: tools.ffmpeg,
    processes: context.processes,
    width: video.width,
    height: video.height,
    durationSeconds: file.probe.durationSeconds,
    count: sampledFrames,
  });
  if (frames.length === 0) throw new KireiError('unsupported', 'No frame of this file showed enough of a drawing to measure (black, flat or credits only).');
  const measured = await measureInWorker(frames);
  const estimate: PictureEstimate = {
    fileHeight: video.height,
    drawnHeight: measured.native.height,
    kernel: measured.native.kernel,
    confidence: measured.native.confidence,
    edgeWidth: measured.lines.edgeWidth,
    noise: measured.lines.noise,
    blockiness: Math.min(1000, measured.lines.blockiness),
    banding: measured.lines.banding,
    frames: measured.frames,
    seconds: (performance.now() - started) / 1000,
    source: 'file',
  };
  await context.estimates.remember(file.path, facts.size, facts.mtimeMs, seriesKey, estimate);
  return estimate;
}
