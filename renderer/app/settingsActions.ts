import type { SettingsPatch } from '../../electron/common/settings';
import { toErrorShape } from '../../electron/common/errors';
import { useKirei } from '../store';

/** Saves a settings change through the main process and keeps the store in step with what it stored. */
export async function updateSettings(patch: SettingsPatch): Promise<void> {
  try {
    useKirei.getState().setSettings(await window.kirei.settings.update(patch));
  } catch (error) {
    const shape = toErrorShape(error);
    useKirei.getState().pushToast({ kind: 'error', text: `The setting could not be saved: ${shape.message}`, detail: shape.detail });
  }
}
