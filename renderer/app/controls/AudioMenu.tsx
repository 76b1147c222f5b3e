import type { AudioTrack } from '../../../electron/common/media';
import { useKirei } from '../../store';
import { audioLabel } from '../../player/audioController';
import { Icon } from '../Icon';
import { ControlMenu, MenuChoice, MenuChoices, MenuLabel } from './ControlMenu';

const noTracks: AudioTrack[] = [];

/** The audio track menu, on the bar when a file has more than one. */
export function AudioMenu({ onSelect }: { onSelect: (position: number) => void }) {
  const tracks = useKirei((state) => state.media?.probe.audio ?? noTracks);
  const selected = useKirei((state) => state.audioTrack);
  if (tracks.length < 2) return null;
  const current = tracks[selected];
  return (
    <ControlMenu label={current ? `Audio: ${audioLabel(current, selected)}` : 'Audio'} keys="#" id="audio-menu" trigger={<Icon name="audio" />}>
      <MenuLabel>Audio</MenuLabel>
      <MenuChoices label="Audio track" value={String(selected)} onChange={(value) => onSelect(Number(value))}>
        {tracks.map((track, position) => (
          <MenuChoice key={track.index} value={String(position)} label={audioLabel(track, position)} />
        ))}
      </MenuChoices>
    </ControlMenu>
  );
}
