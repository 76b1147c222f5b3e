/** Line icons drawn as SVG, so they never depend on an emoji font being installed. */
const paths = {
  play: 'M8 5v14l11-7z',
  pause: 'M7 5h4v14H7zM13 5h4v14h-4z',
  volume: 'M4 9v6h4l5 4V5L8 9H4zm12.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4z',
  muted: 'M4 9v6h4l5 4V5L8 9H4zm11.6-.4L14.2 10l2 2-2 2 1.4 1.4 2-2 2 2 1.4-1.4-2-2 2-2-1.4-1.4-2 2z',
  fullscreen: 'M5 5h5v2H7v3H5zm9 0h5v5h-2V7h-3zM5 14h2v3h3v2H5zm12 0h2v5h-5v-2h3z',
  windowed: 'M8 5h2v5H5V8h3zm6 0h2v3h3v2h-5zM5 14h5v5H8v-3H5zm9 0h5v2h-3v3h-2z',
  settings:
    'M12 2l1.5 2.5 2.9-.7.7 2.9L19.6 8l-1 2.8L21 12l-2.4 1.2 1 2.8-2.5 1.3-.7 2.9-2.9-.7L12 22l-1.5-2.5-2.9.7-.7-2.9L4.4 16l1-2.8L3 12l2.4-1.2-1-2.8 2.5-1.3.7-2.9 2.9.7zm0 6a4 4 0 1 0 0 8 4 4 0 0 0 0-8z',
  back: 'M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z',
  subtitles: 'M4 5h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zm0 2v10h16V7zm2 6h3v2H6zm5 0h7v2h-7zm-5-3h7v2H6zm9 0h3v2h-3z',
  audio: 'M12 3v10.6A4 4 0 1 0 14 17V7h4V3z',
  compare: 'M11 2h2v20h-2zM4 5h5v2H5v10h4v2H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm11 0h5a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1h-5v-2h4V7h-4z',
  sparkle: 'M12 2l2.2 6.8L21 11l-6.8 2.2L12 20l-2.2-6.8L3 11l6.8-2.2zM19 15l1 3 3 1-3 1-1 3-1-3-3-1 3-1z',
  more: 'M12 7a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm0 7a2 2 0 1 1 0-4 2 2 0 0 1 0 4zm0 7a2 2 0 1 1 0-4 2 2 0 0 1 0 4z',
  check: 'M9 16.2l-3.5-3.5L4 14.2l5 5 11-11-1.4-1.4z',
  chevron: 'M9.3 6.7L10.7 5.3 17.4 12l-6.7 6.7-1.4-1.4 5.3-5.3z',
  folder: 'M3 5a2 2 0 0 1 2-2h5l2 2h7a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zm2 4v9h14V9z',
  open: 'M12 4l5 5h-3v6h-4V9H7zM5 17h14v3H5z',
  search: 'M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z',
  warning: 'M12 2L1 21h22zm-1 7h2v6h-2zm0 8h2v2h-2z',
  close: 'M6.4 5L12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
