export interface PinnedDownload {
  url: string;
  sha256: string;
  /** Name in the package → path inside the archive. */
  files: Record<string, string>;
}
export interface PinnedBuild {
  version: string;
  released: string;
  publisher: string;
  downloads: PinnedDownload[];
}
export function readBuilds(file?: string): Record<string, PinnedBuild>;
export function ageInDays(build: PinnedBuild, now?: Date): number;
export function sha256Of(file: string): Promise<string>;
export function verifyDownload(file: string, expected: string): Promise<void>;
export function extract(archive: string, inside: string[], folder: string): void;
