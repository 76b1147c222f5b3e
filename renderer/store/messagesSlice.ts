import type { StateCreator } from 'zustand';
import type { KireiState } from './index';

export interface Toast {
  id: number;
  kind: 'info' | 'warning' | 'error';
  /** What happened to what, in a few words ("“Show - 05.mkv” could not be opened"); the text says why and what to do. */
  title?: string | undefined;
  text: string;
  /** Shown on request, for bug reports. */
  detail?: string | undefined;
}

export interface MessagesSlice {
  /** mpv-style on-screen message: one line, replaced by the next. */
  osd: { id: number; text: string } | null;
  /** The latest on-screen messages, newest last: a message may be gone before anyone reads it. */
  osdLog: string[];
  toasts: Toast[];
  /** The latest notices' texts, newest last: a notice may time out before anyone reads it. */
  toastLog: string[];
  showOsd(text: string, durationMs?: number): void;
  pushToast(toast: Omit<Toast, 'id'>, durationMs?: number): void;
  dismissToast(id: number): void;
}

let nextId = 1;

export const createMessagesSlice: StateCreator<KireiState, [], [], MessagesSlice> = (set, get) => ({
  osd: null,
  osdLog: [],
  toasts: [],
  toastLog: [],
  showOsd: (text, durationMs = 1500) => {
    const id = nextId++;
    set({ osd: { id, text }, osdLog: [...get().osdLog.slice(-19), text] });
    setTimeout(() => {
      if (get().osd?.id === id) set({ osd: null });
    }, durationMs);
  },
  pushToast: (toast, durationMs = toast.kind === 'error' ? 0 : 6000) => {
    const id = nextId++;
    set((state) => ({
      toasts: [...state.toasts.filter((existing) => existing.text !== toast.text), { ...toast, id }],
      toastLog: [...state.toastLog.slice(-19), toast.text],
    }));
    if (durationMs > 0) setTimeout(() => get().dismissToast(id), durationMs);
  },
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
});
