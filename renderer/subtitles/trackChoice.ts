import type { SubtitleChoice } from '../../electron/common/subtitles';

/** mpv's pick when nothing is configured: the track marked default, else the first one that can be drawn that is not forced-only. */
export function defaultTrack(tracks: SubtitleChoice[]): SubtitleChoice | null {
  const drawable = tracks.filter((track) => track.renderable);
  return drawable.find((track) => track.isDefault) ?? drawable.find((track) => !track.isForced) ?? drawable[0] ?? null;
}

/** The next track for `j`/`J`: through the drawable tracks and "off", as mpv cycles. */
export function nextTrack(tracks: SubtitleChoice[], current: string | null, direction: 1 | -1): string | null {
  const order: (string | null)[] = [...tracks.filter((track) => track.renderable).map((track) => track.id), null];
  const index = order.indexOf(current);
  return order[(index + direction + order.length) % order.length] ?? null;
}
