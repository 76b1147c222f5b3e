export interface Zone {
  folder: string;
  allow: string[];
  packages?: string[];
  forbidPackages?: string[];
}
export const zones: Zone[];
