import { describe, expect, it } from 'vitest';
import type { AudioTrack } from '../../../../electron/common/media';
import { audioLabel, startingAudioTrack } from '../../../../renderer/player/audioController';

const track = (fields: Partial<AudioTrack>): AudioTrack => ({ index: 1, codec: 'aac', language: null, title: null, channels: 2, channelLayout: null, isDefault: false, ...fields });

describe('audio tracks', () => {
  it('labels a track by language, title, channels and codec, without saying the language twice', () => {
    expect(audioLabel(track({ language: 'jpn', title: 'Commentary', channels: 6, codec: 'ac3' }), 0)).toBe('Japanese · Commentary · 5.1 · Dolby Digital (AC-3)');
    expect(audioLabel(track({ language: 'eng', title: 'English' }), 0)).toBe('English · stereo · AAC');
    expect(audioLabel(track({}), 1)).toBe('Track 2 · stereo · AAC');
  });

  it('starts in the series’ remembered language, else the default track, else the first', () => {
    const tracks = [track({ language: 'jpn' }), track({ language: 'eng', isDefault: true })];
    expect(startingAudioTrack(tracks, 'jpn')).toBe(0);
    expect(startingAudioTrack(tracks, null)).toBe(1);
    expect(startingAudioTrack(tracks, 'fre')).toBe(1);
    expect(startingAudioTrack([track({}), track({})], null)).toBe(0);
  });
});
