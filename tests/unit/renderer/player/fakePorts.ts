import type { KireiBridge } from '../../../../electron/common/bridge';
import type { OpenedMedia } from '../../../../electron/common/media';
import type { PageSettingsPatch, Settings } from '../../../../electron/common/settings';
import { defaultSettings } from '../../../../electron/common/settings';
import type { PlayerPorts } from '../../../../renderer/player/ports';
import { createKireiStore } from '../../../../renderer/store';

/**
 * Ports for the player core without a browser or a main process: a store of its own and a bridge
 * whose settings service stores patches as the main process would; any other call fails loudly,
 * so a part that reaches for a service it should not use is caught.
 */
export function fakePorts(settings: Settings = defaultSettings(), media?: Partial<KireiBridge['media']>): PlayerPorts & { patches: PageSettingsPatch[] } {
  const store = createKireiStore();
  store.getState().setSettings(settings);
  const patches: PageSettingsPatch[] = [];
  const settingsService = {
    update: (patch: PageSettingsPatch) => {
      patches.push(patch);
      const current = store.getState().settings ?? defaultSettings();
      return Promise.resolve({ ...current, ...patch });
    },
  };
  const bridge = new Proxy(
    { settings: settingsService, media },
    {
      get: (target, name: string) => {
        if (name === 'settings') return target.settings;
        if (name === 'media' && target.media) return target.media;
        throw new Error(`the bridge's ${name} service is not part of this test`);
      },
    },
  ) as unknown as KireiBridge;
  return { bridge, store, patches };
}

/** A file as the main process describes it after opening, with what the player core reads of it. */
export function openedMedia(height: number, series: string | null = null): OpenedMedia {
  return {
    id: 'm1',
    url: 'kirei-media://m1',
    name: 'Episode 01.mkv',
    probe: {
      container: 'matroska,webm',
      durationSeconds: 1440,
      sizeBytes: 1,
      bitRate: null,
      video: { index: 0, codec: 'h264', profile: null, bitDepth: 8, pixelFormat: 'yuv420p', width: Math.round((height * 16) / 9), height, frameRate: 23.976 },
      audio: [],
      subtitles: [],
      attachments: [],
      chapters: [],
      warnings: [],
    },
    resumePosition: null,
    series: series ? { key: series, title: series } : null,
    release: null,
    conversion: null,
  };
}
