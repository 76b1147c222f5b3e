import type { PageSettingsPatch } from '../../electron/common/settings';
import { toErrorShape } from '../../electron/common/errors';
import type { PlayerPorts } from './ports';

/** Saves a settings change through the main process and keeps the store in step with what it stored. */
export async function updateSettings({ bridge, store }: PlayerPorts, patch: PageSettingsPatch): Promise<void> {
  try {
    store.getState().setSettings(await bridge.settings.update(patch));
  } catch (error) {
    const shape = toErrorShape(error);
    store.getState().pushToast({ kind: 'error', text: `The setting could not be saved: ${shape.message}`, detail: shape.detail });
  }
}
