import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../../../electron/common/settings';
import { SettingsStore } from '../../../../../electron/node/store/settingsStore';

describe('SettingsStore', () => {
  it('reads a file written before the audio group and the measured frame time existed, without calling it damaged', async () => {
    const filePath = path.join(await mkdtemp(path.join(os.tmpdir(), 'kirei-settings-')), 'settings.json');
    const { audio: _audio, ...older } = defaultSettings();
    const data = { ...older, upscaling: { ...older.upscaling, tier: 'auto', measuredTier: { gpu: 'WebGL2 · Some GPU', tier: 'fast' } } };
    await writeFile(filePath, JSON.stringify({ version: 1, data }));
    const store = new SettingsStore(filePath);
    expect(await store.load()).toBeNull();
    expect(store.get().audio).toEqual({ languageBySeries: {} });
    expect(store.get().upscaling.measuredTier).toEqual({ gpu: 'WebGL2 · Some GPU', tier: 'fast' });
  });
});
