import { describe, expect, it } from 'vitest';
import type { SubtitleChoice } from '../../../../electron/common/subtitles';
import { defaultTrack, nextTrack } from '../../../../renderer/subtitles/trackChoice';

const track = (id: string, fields: Partial<SubtitleChoice> = {}): SubtitleChoice => ({
  id,
  source: 'embedded',
  label: id,
  fileName: null,
  language: null,
  format: 'ASS',
  isDefault: false,
  isForced: false,
  renderable: true,
  ...fields,
});

describe('subtitle track choice', () => {
  it('starts with the default track, else the first full one, never a picture track', () => {
    expect(defaultTrack([track('embedded:2'), track('embedded:3', { isDefault: true })])?.id).toBe('embedded:3');
    expect(defaultTrack([track('embedded:2', { isForced: true }), track('embedded:3')])?.id).toBe('embedded:3');
    expect(defaultTrack([track('embedded:2', { renderable: false, isDefault: true }), track('sidecar:0')])?.id).toBe('sidecar:0');
    expect(defaultTrack([track('embedded:2', { renderable: false })])).toBeNull();
  });

  it('cycles through the drawable tracks and off, both ways, as mpv does', () => {
    const tracks = [track('embedded:2'), track('embedded:3', { renderable: false }), track('sidecar:0')];
    expect(nextTrack(tracks, 'embedded:2', 1)).toBe('sidecar:0');
    expect(nextTrack(tracks, 'sidecar:0', 1)).toBeNull();
    expect(nextTrack(tracks, null, 1)).toBe('embedded:2');
    expect(nextTrack(tracks, 'embedded:2', -1)).toBeNull();
  });
});
