import { useEffect, useRef } from 'react';
import { presetLabel, scalerLabels } from '../../electron/common/upscaling';
import { useKirei } from '../store';
import type { CapturedFrame } from '../player/facades';
import { lastPointer } from './focus';
import type { PictureView } from '../player/facades';

/** Device pixels shown in each panel, and how much they are enlarged. */
const regionSize = 64;
const zoom = 4;
const refreshMs = 500;

function toCanvas(frame: CapturedFrame): OffscreenCanvas {
  const canvas = new OffscreenCanvas(frame.width, frame.height);
  const pixels = new Uint8ClampedArray(frame.pixels);
  for (let index = 3; index < pixels.length; index += 4) pixels[index] = 255;
  canvas.getContext('2d')?.putImageData(new ImageData(pixels, frame.width, frame.height), 0, 0);
  return canvas;
}

/**
 * Pixel peeping: while its key or the middle button is held, two panels beside the pointer show
 * the same 64×64 device pixels under it, 4× nearest-neighbour — the reference scaler and Anime4K.
 */
export function Magnifier({ picture }: { picture: PictureView }) {
  const active = useKirei((state) => state.magnifierActive);
  const referenceScaler = useKirei((state) => state.settings?.upscaling.referenceScaler ?? 'catmull-rom');
  const preset = useKirei((state) => state.activePreset);
  const container = useRef<HTMLDivElement>(null);
  const left = useRef<HTMLCanvasElement>(null);
  const right = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!active) return;
    let sources: { reference: OffscreenCanvas; upscaled: OffscreenCanvas } | null = null;
    // Under the pointer from the first frame: a key press carries no position, the last move does.
    let pointer = lastPointer();
    let stopped = false;
    const draw = () => {
      const canvas = picture.canvas();
      if (!canvas || !sources) return;
      const bounds = canvas.getBoundingClientRect();
      const ratio = canvas.width / Math.max(1, bounds.width);
      const x = Math.round((pointer.x - bounds.left) * ratio - regionSize / 2);
      const y = Math.round((pointer.y - bounds.top) * ratio - regionSize / 2);
      for (const [target, source] of [
        [left.current, sources.reference],
        [right.current, sources.upscaled],
      ] as const) {
        const context = target?.getContext('2d');
        if (!context) continue;
        context.imageSmoothingEnabled = false;
        context.fillStyle = '#000';
        context.fillRect(0, 0, regionSize * zoom, regionSize * zoom);
        context.drawImage(source, x, y, regionSize, regionSize, 0, 0, regionSize * zoom, regionSize * zoom);
      }
      const box = container.current;
      if (box) {
        // Beside the pointer, on the side with room.
        const width = box.offsetWidth;
        box.style.left = `${pointer.x + 24 + width < window.innerWidth ? pointer.x + 24 : Math.max(0, pointer.x - 24 - width)}px`;
        box.style.top = `${Math.max(0, Math.min(window.innerHeight - box.offsetHeight, pointer.y - box.offsetHeight / 2))}px`;
      }
    };
    const refresh = async () => {
      const both = await picture.captureBothSides();
      if (stopped || !both) return;
      sources = { reference: toCanvas(both.reference), upscaled: toCanvas(both.upscaled) };
      draw();
    };
    const move = (event: PointerEvent) => {
      pointer = { x: event.clientX, y: event.clientY };
      draw();
    };
    void refresh();
    // A playing video moves on: the panels follow it a couple of times a second.
    const timer = window.setInterval(() => {
      if (picture.isPlaying()) void refresh();
    }, refreshMs);
    window.addEventListener('pointermove', move);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener('pointermove', move);
    };
  }, [active, picture]);

  if (!active) return null;
  const size = regionSize * zoom;
  return (
    <div ref={container} className="magnifier" data-testid="magnifier" aria-label="Magnifier">
      <figure>
        <canvas ref={left} width={size} height={size} data-testid="magnifier-reference" />
        <figcaption>{scalerLabels[referenceScaler]}</figcaption>
      </figure>
      <figure>
        <canvas ref={right} width={size} height={size} data-testid="magnifier-upscaled" />
        <figcaption>{presetLabel(preset)}</figcaption>
      </figure>
    </div>
  );
}
