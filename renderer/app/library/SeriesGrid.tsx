import type { RefObject } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { LibrarySeries } from '../../../electron/common/library';
import { useKirei } from '../../store';
import { seriesSummary } from './episodeText';

const minimumCardWidth = 168;
const gap = 16;
/** Title and summary lines under the 16:9 thumbnail. */
const textHeight = 60;
/** Rows drawn above and below the visible ones, so fast scrolling never shows holes. */
const overscanRows = 2;

function SeriesCard({ series }: { series: LibrarySeries }) {
  const summary = seriesSummary(series);
  return (
    <button
      type="button"
      className="series-card"
      onClick={() => useKirei.getState().setOpenSeries(series.key)}
      aria-label={`${series.title}${series.season ? ` season ${series.season}` : ''}, ${summary}`}
    >
      <span className="thumbnail">
        {series.thumbnailUrl ? <img src={series.thumbnailUrl} alt="" loading="lazy" /> : <span className="thumbnail__letter">{series.title.slice(0, 1)}</span>}
      </span>
      <span className="series-card__title" title={series.title}>
        {series.title}
        {series.season ? ` · Season ${series.season}` : ''}
      </span>
      <span className="series-card__count">{summary}</span>
    </button>
  );
}

/**
 * The series grid: as many columns as fit, cards sized to fill the row, thumbnails cropped to
 * 16:9. Virtualised against the library's scrolling page: only the rows in view (and a couple
 * around them) exist in the DOM, so thousands of series scroll as smoothly as ten.
 */
export function SeriesGrid({ series, scroller }: { series: LibrarySeries[]; scroller: RefObject<HTMLElement | null> }) {
  const grid = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ width: 0, top: 0, height: 800 });

  useEffect(() => {
    const element = grid.current;
    const page = scroller.current;
    if (!element || !page) return;
    const measure = () => {
      const top = page.scrollTop - (element.getBoundingClientRect().top - page.getBoundingClientRect().top + page.scrollTop);
      setView({ width: element.clientWidth, top, height: page.clientHeight });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    observer.observe(page);
    page.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      page.removeEventListener('scroll', measure);
    };
  }, [scroller]);

  const width = Math.max(view.width, minimumCardWidth);
  const columns = Math.max(1, Math.floor((width + gap) / (minimumCardWidth + gap)));
  const cardWidth = (width - gap * (columns - 1)) / columns;
  const cardHeight = Math.round((cardWidth * 9) / 16 + textHeight);
  const rowHeight = cardHeight + gap;
  const rows = Math.ceil(series.length / columns);
  const firstRow = Math.max(0, Math.floor(view.top / rowHeight) - overscanRows);
  const lastRow = Math.min(rows, Math.ceil((view.top + view.height) / rowHeight) + overscanRows);
  const visible = series.slice(firstRow * columns, lastRow * columns);

  return (
    <div ref={grid} className="series-grid" data-testid="series-grid" role="list" aria-label="Series" style={{ height: Math.max(0, rows * rowHeight - gap) }}>
      {view.width > 0 &&
        visible.map((entry, index) => {
          const at = firstRow * columns + index;
          return (
            <div
              key={entry.key}
              role="listitem"
              className="series-grid__cell"
              style={{ top: Math.floor(at / columns) * rowHeight, left: (at % columns) * (cardWidth + gap), width: cardWidth, height: cardHeight }}
            >
              <SeriesCard series={entry} />
            </div>
          );
        })}
    </div>
  );
}
