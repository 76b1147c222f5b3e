import { useState } from 'react';
import type { Chapter } from '../../../electron/common/media';
import { useKirei } from '../../store';
import { formatTime } from '../../player/format';

/**
 * The seek bar: the played part in the accent colour, chapter marks, and under the pointer the
 * time (and chapter) a click would go to.
 */
export function SeekBar({ chapters, onSeek }: { chapters: Chapter[]; onSeek: (seconds: number) => void }) {
  const currentTime = useKirei((state) => state.currentTime);
  const duration = useKirei((state) => state.duration);
  const [hover, setHover] = useState<{ share: number; seconds: number } | null>(null);
  const length = duration > 0 ? duration : 0;
  const played = length > 0 ? Math.min(1, currentTime / length) : 0;
  const chapterAt = (seconds: number) => [...chapters].reverse().find((chapter) => chapter.startSeconds <= seconds) ?? null;
  const hoverChapter = hover ? chapterAt(hover.seconds) : null;

  return (
    <div
      className="seek"
      style={{ ['--played' as string]: `${played * 100}%` }}
      onPointerMove={(event) => {
        const box = event.currentTarget.getBoundingClientRect();
        const share = Math.min(1, Math.max(0, (event.clientX - box.left) / Math.max(1, box.width)));
        setHover({ share, seconds: share * length });
      }}
      onPointerLeave={() => setHover(null)}
    >
      <input
        type="range"
        aria-label="Seek"
        aria-valuetext={`${formatTime(currentTime)} of ${formatTime(length)}`}
        className="seek__input"
        min={0}
        max={length}
        step={0.01}
        value={Math.min(currentTime, length)}
        onChange={(event) => onSeek(Number(event.target.value))}
      />
      {length > 0 &&
        chapters
          .filter((chapter) => chapter.startSeconds > 0 && chapter.startSeconds < length)
          .map((chapter) => <span key={chapter.startSeconds} className="seek__chapter" style={{ left: `${(chapter.startSeconds / length) * 100}%` }} />)}
      {hover && length > 0 && (
        <span className="seek__hover" style={{ left: `${hover.share * 100}%` }} aria-hidden="true">
          {formatTime(hover.seconds)}
          {hoverChapter?.title ? ` · ${hoverChapter.title}` : ''}
        </span>
      )}
    </div>
  );
}
