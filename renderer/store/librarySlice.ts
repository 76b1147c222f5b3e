import type { StateCreator } from 'zustand';
import type { LibrarySnapshot } from '../../electron/common/library';
import type { KireiState } from './index';

export interface NextEpisodeOffer {
  episodeId: string;
  label: string;
  /** When it starts by itself (performance.now() time). */
  startsAt: number;
}

export interface LibrarySlice {
  library: LibrarySnapshot | null;
  /** The series page shown, by series key; null shows the grid. */
  openSeries: string | null;
  search: string;
  nextOffer: NextEpisodeOffer | null;
  setLibrary(library: LibrarySnapshot): void;
  setOpenSeries(key: string | null): void;
  setSearch(search: string): void;
  setNextOffer(offer: NextEpisodeOffer | null): void;
}

export const createLibrarySlice: StateCreator<KireiState, [], [], LibrarySlice> = (set) => ({
  library: null,
  openSeries: null,
  search: '',
  nextOffer: null,
  setLibrary: (library) => set({ library }),
  setOpenSeries: (openSeries) => set({ openSeries }),
  setSearch: (search) => set({ search }),
  setNextOffer: (nextOffer) => set({ nextOffer }),
});
