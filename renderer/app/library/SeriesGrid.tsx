import { useEffect, useRef, useState } from 'react';
import type { LibrarySeries } from '../../../electron/common/library';
import { useKirei } from '../../store';

const cardWidth = 184;
const cardHeight = 168;
const gap = 16;
/** Rows drawn above and below the visible ones, so fast scrolling never shows holes. */
const overscanRows = 2;

function SeriesCard({ series }: { series: LibrarySeries }) {
  return (
    <button type="button" className="series-card" onClick={() => useKirei.getState().setOpenSeries(series.key)} aria-label={`${series.title}${series.season ? ` season ${series.season}` : ''}`}>
      <div className="series-card__thumbnail">{series.thumbnailUrl ? <img src={series.thumbnailUrl} alt="" loading="lazy" /> : <span>{series.title.slice(0, 1)}</span>}</div>
      <span className="series-card__title">
        {series.title}
        {series.season ? ` · S${series.season}` : ''}
      </span>
      <span className="series-card__count">
        {series.watchedCount} / {series.episodeCount} watched
      </span>
    </button>
  );
}

/**
 * The series grid, virtualised: only the rows in view (and a couple around them) exist in the
 * DOM, so ten thousand files in hundreds of series scroll as smoothly as ten.
 */
export function SeriesGrid({ series }: { series: LibrarySeries[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, width: 800, height: 600 });

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setView({ top: element.scrollTop, width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, []);

  const columns = Math.max(1, Math.floor((view.width + gap) / (cardWidth + gap)));
  const rows = Math.ceil(series.length / columns);
  const rowHeight = cardHeight + gap;
  const firstRow = Math.max(0, Math.floor(view.top / rowHeight) - overscanRows);
  const lastRow = Math.min(rows, Math.ceil((view.top + view.height) / rowHeight) + overscanRows);
  const visible = series.slice(firstRow * columns, lastRow * columns);

  return (
    <div ref={scroller} className="series-grid" data-testid="series-grid" role="list" aria-label="Series">
      <div style={{ height: rows * rowHeight, position: 'relative' }}>
        {visible.map((entry, index) => {
          const at = firstRow * columns + index;
          return (
            <div
              key={entry.key}
              role="listitem"
              style={{ position: 'absolute', top: Math.floor(at / columns) * rowHeight, left: (at % columns) * (cardWidth + gap), width: cardWidth, height: cardHeight }}
            >
              <SeriesCard series={entry} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
