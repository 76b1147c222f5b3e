import { useEffect, useRef, useState } from 'react';
import { presetLabel } from '../../electron/common/upscaling';
import { CompareLeftChoice } from './CompareLeftChoice';
import { useKirei } from '../store';
import type { PictureView } from '../player/facades';

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The picture's rectangle in CSS pixels, from the stage's device-pixel rectangle. */
function pictureBox(picture: PictureView): Box | null {
  const canvas = picture.canvas();
  if (!canvas) return null;
  const bounds = canvas.getBoundingClientRect();
  const rect = picture.pictureRect();
  const ratio = canvas.width > 0 ? bounds.width / canvas.width : 1;
  if (rect.width === 0) return null;
  return { left: bounds.left + rect.x * ratio, top: bounds.top + rect.y * ratio, width: rect.width * ratio, height: rect.height * ratio };
}

/**
 * The compare divider drawn on the video: drag it with mouse, touch or pen anywhere along its
 * height. While dragging the stage is told directly; the position is saved when the drag ends.
 */
export function CompareOverlay({ picture }: { picture: PictureView }) {
  const compare = useKirei((state) => state.settings?.compare);
  const activePreset = useKirei((state) => state.activePreset);
  const [box, setBox] = useState<Box | null>(null);
  const [dragPosition, setDragPosition] = useState<number | null>(null);
  const dragging = useRef(false);

  useEffect(() => {
    if (!compare?.enabled) return;
    const update = () => setBox(pictureBox(picture));
    update();
    const timer = window.setInterval(update, 250);
    window.addEventListener('resize', update);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('resize', update);
    };
  }, [compare?.enabled, picture]);

  if (!compare?.enabled || !box) return null;
  const position = dragPosition ?? compare.position;
  const positionAt = (clientX: number) => Math.min(1, Math.max(0, (clientX - box.left) / box.width));

  return (
    <div className="compare" style={{ left: box.left, top: box.top, width: box.width, height: box.height }} data-testid="compare">
      <CompareLeftChoice />
      <div className="compare__label compare__label--right">{presetLabel(activePreset)}</div>
      <div
        className="compare__divider"
        role="slider"
        aria-label="Compare divider"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(position * 100)}
        tabIndex={0}
        style={{ left: `${position * 100}%` }}
        onPointerDown={(event) => {
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          event.preventDefault();
        }}
        onPointerMove={(event) => {
          if (!dragging.current) return;
          const next = positionAt(event.clientX);
          setDragPosition(next);
          picture.previewDivider(next);
        }}
        onPointerUp={(event) => {
          if (!dragging.current) return;
          dragging.current = false;
          setDragPosition(null);
          picture.moveDivider(positionAt(event.clientX));
        }}
        onPointerCancel={() => {
          dragging.current = false;
          setDragPosition(null);
        }}
      >
        <div className="compare__line" />
        <div className="compare__handle" />
      </div>
    </div>
  );
}
