import type { OpenedMedia } from '../../../electron/common/media';
import { useKirei } from '../../store';
import { IconButton } from './IconButton';

const kindNames: Record<NonNullable<OpenedMedia['release']>['kind'], string> = {
  episode: 'Episode',
  special: 'Special',
  ova: 'OVA',
  oad: 'OAD',
  ncop: 'Creditless opening',
  nced: 'Creditless ending',
  movie: 'Film',
  extra: 'Extra',
};

/** "Sousou no Frieren" over "Season 2 · Episode 5 · The Journey's End"; the file's name when its name says nothing. */
export function mediaTitle(media: OpenedMedia): { title: string; subtitle: string } {
  const release = media.release;
  const fileTitle = media.name.replace(/\.[^.]+$/, '');
  if (!media.series || !release) return { title: fileTitle, subtitle: '' };
  const number = release.episode === null ? '' : ` ${release.episode}${release.episodeEnd ? `–${release.episodeEnd}` : ''}`;
  const parts = [release.season && release.season > 1 ? `Season ${release.season}` : '', release.kind === 'movie' && !number ? '' : `${kindNames[release.kind]}${number}`, release.episodeTitle ?? ''];
  return { title: media.series.title, subtitle: parts.filter(Boolean).join(' · ') };
}

/** The top bar: back to the library, and what is playing in words. The file's name is its tooltip. */
export function TopBar({ onBack }: { onBack: () => void }) {
  const media = useKirei((state) => state.media);
  if (!media) return null;
  const { title, subtitle } = mediaTitle(media);
  return (
    <div className="topbar" data-testid="topbar">
      <IconButton icon="back" label="Back to the library" keys="Q" onClick={onBack} />
      <div className="topbar__text" title={media.name}>
        <span className="topbar__title" data-testid="title">
          {title}
        </span>
        {subtitle && <span className="topbar__subtitle">{subtitle}</span>}
      </div>
    </div>
  );
}
