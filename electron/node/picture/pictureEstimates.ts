import path from 'node:path';
import { z } from 'zod';
import type { PictureEstimate } from '../../common/picture';
import { pictureEstimateSchema } from '../../common/picture';
import { recentKey } from '../store/recentFiles';
import { JsonFile } from '../store/jsonFile';

const maximumFiles = 5000;
const maximumSeries = 2000;

const storedSchema = z.object({
  /** By a hash of the path; a file changed since (size or time) is measured again. */
  files: z.record(z.string().max(64), z.object({ size: z.number(), modifiedMs: z.number(), estimate: pictureEstimateSchema })),
  /** The last estimate of each series: the next episode starts from it while its own is made. */
  series: z.record(z.string().max(400), pictureEstimateSchema),
});
type Stored = z.infer<typeof storedSchema>;

/** The newest entries of a record, at most `limit` (objects keep insertion order). */
function newest<T>(record: Record<string, T>, limit: number): Record<string, T> {
  const entries = Object.entries(record);
  return entries.length > limit ? Object.fromEntries(entries.slice(-limit)) : record;
}

/** What Kirei learned about files' pictures, kept on disk (or only in memory when given no path). */
export class PictureEstimates {
  private stored: Stored = { files: {}, series: {} };
  private readonly file: JsonFile<Stored> | null;

  constructor(filePath: string | null) {
    this.file = filePath ? new JsonFile({ filePath, version: 1, schema: storedSchema, defaults: () => ({ files: {}, series: {} }) }) : null;
  }

  async load(): Promise<string | null> {
    if (!this.file) return null;
    const { value, recovered } = await this.file.load();
    this.stored = value;
    return recovered ? `What Kirei measured of your episodes' pictures could not be read (${recovered.reason}); they are measured again as they open.${recovered.movedTo ? ` The old file was kept as ${path.basename(recovered.movedTo)}.` : ''}` : null;
  }

  forFile(filePath: string, size: number, modifiedMs: number): PictureEstimate | null {
    const entry = this.stored.files[recentKey(path.resolve(filePath))];
    return entry && entry.size === size && entry.modifiedMs === modifiedMs ? { ...entry.estimate, source: 'file' } : null;
  }

  forSeries(seriesKey: string): PictureEstimate | null {
    const estimate = this.stored.series[seriesKey];
    return estimate ? { ...estimate, source: 'series' } : null;
  }

  async remember(filePath: string, size: number, modifiedMs: number, seriesKey: string | null, estimate: PictureEstimate): Promise<void> {
    const key = recentKey(path.resolve(filePath));
    const { [key]: _previous, ...files } = this.stored.files;
    const series = { ...this.stored.series };
    if (seriesKey) {
      delete series[seriesKey];
      series[seriesKey] = estimate;
    }
    this.stored = { files: newest({ ...files, [key]: { size, modifiedMs, estimate } }, maximumFiles), series: newest(series, maximumSeries) };
    await this.file?.save(this.stored);
  }
}
