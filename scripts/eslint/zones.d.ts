export interface Zone {
  folder: string;
  allow: string[];
  packages?: string[];
  forbidPackages?: string[];
  /** Folders inside an allowed one that are still off limits (one backend for the other). */
  forbid?: string[];
}
export const zones: Zone[];
