import type { OpenedMedia } from '../../electron/common/media';
import type { ConvertedSource } from '../video/convertedSource';
import type { VideoPlayer } from '../video/videoPlayer';
import { formatTime } from './format';
import type { PlayerPorts } from './ports';

/**
 * Starts a file that plays through ffmpeg: says what is converted, and when the conversion
 * breaks says why and where, leaving what was converted playable and a seek free to try again.
 */
export function playConverted(player: VideoPlayer, media: OpenedMedia, ports: PlayerPorts, startAt: number): ConvertedSource | null {
  const plan = media.conversion;
  if (!plan) return null;
  const state = ports.store.getState();
  state.pushToast({ kind: 'info', text: plan.notice });
  const audioIndex = media.probe.audio[state.audioTrack]?.index ?? media.probe.audio[0]?.index ?? null;
  return player.loadConverted(
    {
      url: media.url,
      mimeType: plan.mimeType,
      duration: media.probe.durationSeconds,
      audioIndex,
      startAt: Math.max(0, startAt),
      onFailure: (error) => void reportFailure(media, ports, player.element.currentTime, error),
    },
    media.probe.video?.frameRate ?? null,
  );
}

async function reportFailure(media: OpenedMedia, { bridge, store }: PlayerPorts, position: number, error: Error): Promise<void> {
  const reason = await bridge.media.conversionProblem({ id: media.id }).catch(() => null);
  if (store.getState().media?.id !== media.id) return;
  store.getState().pushToast({
    kind: 'error',
    text: `Converting this video stopped near ${formatTime(position)}${reason ? `: ${reason}` : ''}. What was converted still plays; seek to try again.`,
    detail: error.message,
  });
}
