import { useEffect, useRef } from 'react';
import { useKirei } from '../store';
import type { PictureView } from '../player/facades';
import type { PictureState } from '../store/pipelineSlice';

const refreshMs = 250;

/** The open file's picture measurement in one line of the readout. */
function pictureLine(picture: PictureState | null): string {
  if (!picture) return 'not measured';
  if (picture.status === 'skipped') return `not measured: ${picture.problem ?? 'not looked at'}`;
  if (picture.status === 'failed') return `could not be measured: ${picture.problem ?? 'unknown reason'}`;
  const estimate = picture.estimate;
  if (!estimate) return 'measuring…';
  const drawn = estimate.drawnHeight !== null ? `drawn at ${estimate.drawnHeight}p (${estimate.kernel ?? 'unknown kernel'}, confidence ${estimate.confidence.toFixed(2)})` : 'drawn at its own height';
  const figures = `edges ${estimate.edgeWidth.toFixed(1)} px, noise ${estimate.noise.toFixed(1)}, blocks ${estimate.blockiness.toFixed(2)}, banding ${(estimate.banding * 100).toFixed(0)} %`;
  const origin = picture.status === 'measuring' ? 'from the series, measuring this file…' : `${estimate.frames} frames in ${estimate.seconds.toFixed(1)} s`;
  return `${drawn}; ${figures}; ${origin}`;
}

function format(value: number): string {
  return value.toFixed(value < 10 ? 2 : 1);
}

/**
 * The frame-time readout (mpv's `i`). It renders once and then rewrites its own text a few times a
 * second from the player's counters, so a playing video never re-renders React.
 */
export function Hud({ picture }: { picture: PictureView }) {
  const body = useRef<HTMLPreElement>(null);
  const passes = useRef<HTMLTableSectionElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const update = () => {
      const element = body.current;
      if (!element) return;
      const state = useKirei.getState();
      const { totals, passes: passTimes, timing: timingSource, counters, frameRate, budgetMs: budget, decoder, source, output: rect } = picture.readout();
      const share = totals.averageMs / budget;
      const timing = timingSource === 'gpu' ? 'GPU time' : 'CPU time (no GPU timer on this device)';
      // Times come from computed frames: after a change of preset or size, none until the next one.
      const measured = passTimes.length > 0;
      const lines = [
        measured
          ? `${timing}: ${format(totals.lastMs)} ms   avg ${format(totals.averageMs)}   peak ${format(totals.peakMs)}`
          : `${timing}: no frame computed since the last change (it is measured on the next one)`,
        `Frame budget at ${frameRate.toFixed(3)} fps: ${format(budget)} ms${measured ? `, ${(share * 100).toFixed(0)} % used` : ''}`,
        `Frames presented ${counters.presented}, dropped ${counters.dropped}, skipped by the GPU ${counters.skippedByGpu} (decoder: ${decoder.decoded} decoded, ${decoder.dropped} dropped)`,
        `Repeated drawings reused ${counters.reused} (${counters.presented > 0 ? Math.round((counters.reused / counters.presented) * 100) : 0} % of frames, not computed again)`,
        `Source ${source ? `${source.width}×${source.height}` : '—'} → output ${rect ? `${rect.width}×${rect.height}` : '—'}`,
        `Backend ${state.stage?.backend === 'webgpu' ? 'WebGPU' : 'WebGL2'} on ${state.stage?.renderer ?? '—'}`,
        `Preset ${state.presetReason || '—'}`,
        `Picture ${pictureLine(state.picture)}`,
      ];
      element.textContent = lines.join('\n');
      // A table, not padded text: its columns line up in any font.
      if (table.current) table.current.hidden = !measured;
      passes.current?.replaceChildren(
        ...passTimes.map((pass) => {
          const row = document.createElement('tr');
          for (const text of [pass.label, format(pass.lastMs), format(pass.averageMs), format(pass.peakMs)]) {
            const cell = document.createElement('td');
            cell.textContent = text;
            row.append(cell);
          }
          return row;
        }),
      );
      if (bar.current) {
        bar.current.style.width = `${Math.min(100, share * 100)}%`;
        bar.current.dataset['over'] = share > 0.85 ? 'true' : 'false';
      }
    };
    update();
    const timer = window.setInterval(update, refreshMs);
    return () => window.clearInterval(timer);
  }, [picture]);

  return (
    <div className="hud" data-testid="hud" aria-label="Frame-time readout">
      <div className="hud__budget">
        <div ref={bar} className="hud__used" />
      </div>
      <pre ref={body} className="hud__text" />
      <table ref={table} className="hud__passes">
        <thead>
          <tr>
            <th>pass (ms)</th>
            <th>last</th>
            <th>avg</th>
            <th>peak</th>
          </tr>
        </thead>
        <tbody ref={passes} />
      </table>
    </div>
  );
}
