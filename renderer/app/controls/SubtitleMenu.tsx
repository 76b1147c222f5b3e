import { useKirei } from '../../store';
import { ControlMenu, MenuAction, MenuChoice, MenuChoices, MenuLabel, MenuSeparator, MenuToggle, Submenu } from './ControlMenu';

/** What the subtitle menu asks of the player. */
export interface SubtitleActions {
  select(trackId: string | null): void;
  toggleVisible(): void;
  addDelay(seconds: number): void;
  setScale(scale: number): void;
}

/** Steps of the subtitle size menu; F and G move by 10 % between them. */
export const subtitleScales = [0.5, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2, 3];

/**
 * Subtitles on the bar: the tracks inside the file and beside it ("English · ASS"; a file beside
 * the video shows its name under the label), shown or hidden, size and delay.
 */
export function SubtitleMenu({ actions }: { actions: SubtitleActions }) {
  const tracks = useKirei((state) => state.subtitleTracks);
  const selected = useKirei((state) => state.subtitleTrackId);
  const visible = useKirei((state) => state.subtitleVisible);
  const delay = useKirei((state) => state.subtitleDelay);
  const scale = useKirei((state) => state.settings?.subtitles.scale ?? 1);
  if (tracks.length === 0) return null;
  const current = tracks.find((track) => track.id === selected);
  return (
    <ControlMenu label={current ? `Subtitles: ${current.label}` : 'Subtitles: off'} keys="J" id="subtitle-menu" trigger={<SubtitleIcon on={Boolean(current) && visible} />}>
      <MenuLabel>Subtitles</MenuLabel>
      <MenuChoices label="Subtitle track" value={selected ?? ''} onChange={(value) => actions.select(value || null)}>
        <MenuChoice value="" label="Off" />
        {tracks.map((track) => (
          <MenuChoice
            key={track.id}
            value={track.id}
            label={track.label}
            note={track.format}
            detail={track.renderable ? (track.fileName ?? undefined) : 'a picture format Kirei lists but does not draw'}
            hint={[track.label, track.fileName].filter(Boolean).join('\n')}
            disabled={!track.renderable}
          />
        ))}
      </MenuChoices>
      <MenuSeparator />
      <MenuToggle label="Show subtitles" keys="V" checked={visible} onChange={() => actions.toggleVisible()} />
      <Submenu label="Size" value={`${Math.round(scale * 100)} %`}>
        <MenuChoices label="Subtitle size" value={String(scale)} onChange={(value) => actions.setScale(Number(value))}>
          {!subtitleScales.includes(scale) && <MenuChoice value={String(scale)} label={`${Math.round(scale * 100)} %`} />}
          {subtitleScales.map((step) => (
            <MenuChoice key={step} value={String(step)} label={`${Math.round(step * 100)} %`} note={step === 1 ? 'as written' : undefined} />
          ))}
        </MenuChoices>
      </Submenu>
      <Submenu label="Timing" value={`${delay > 0 ? '+' : ''}${Math.round(delay * 1000)} ms`}>
        <MenuAction label="Earlier by 0.1 s" keys="Z" onSelect={() => actions.addDelay(-0.1)} />
        <MenuAction label="Later by 0.1 s" keys="Shift+Z" onSelect={() => actions.addDelay(0.1)} />
        <MenuAction label="As in the file" disabled={delay === 0} onSelect={() => actions.addDelay(-delay)} />
      </Submenu>
    </ControlMenu>
  );
}

function SubtitleIcon({ on }: { on: boolean }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <rect x="2.5" y="5.5" width="19" height="13" rx="2" fill={on ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="1.6" />
      <path d="M6 11h5M13 11h5M6 14.5h8M15.5 14.5h2.5" stroke={on ? '#101018' : 'currentColor'} strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
