/** Line icons drawn as SVG, so they never depend on an emoji font being installed. */
const paths = {
  play: 'M8 5v14l11-7z',
  pause: 'M7 5h4v14H7zM13 5h4v14h-4z',
  volume: 'M4 9v6h4l5 4V5L8 9H4zm12.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4z',
  muted: 'M4 9v6h4l5 4V5L8 9H4zm11.6-.4L14.2 10l2 2-2 2 1.4 1.4 2-2 2 2 1.4-1.4-2-2 2-2-1.4-1.4-2 2z',
  fullscreen: 'M5 5h5v2H7v3H5zm9 0h5v5h-2V7h-3zM5 14h2v3h3v2H5zm12 0h2v5h-5v-2h3z',
  windowed: 'M8 5h2v5H5V8h3zm6 0h2v3h3v2h-5zM5 14h5v5H8v-3H5zm9 0h5v2h-3v3h-2z',
  settings: 'M12 2l1.5 2.5 2.9-.7.7 2.9L19.6 8l-1 2.8L21 12l-2.4 1.2 1 2.8-2.5 1.3-.7 2.9-2.9-.7L12 22l-1.5-2.5-2.9.7-.7-2.9L4.4 16l1-2.8L3 12l2.4-1.2-1-2.8 2.5-1.3.7-2.9 2.9.7zm0 6a4 4 0 1 0 0 8 4 4 0 0 0 0-8z',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      <path d={paths[name]} fill="currentColor" />
    </svg>
  );
}
