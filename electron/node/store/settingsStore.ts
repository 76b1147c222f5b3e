import path from 'node:path';
import type { Settings, SettingsPatch } from '../../common/settings';
import { defaultSettings, settingsSchema } from '../../common/settings';
import { JsonFile } from './jsonFile';

/** The viewer's settings on disk; every change is validated and written atomically. */
export class SettingsStore {
  private current: Settings = defaultSettings();
  private readonly file: JsonFile<Settings>;

  constructor(filePath: string) {
    this.file = new JsonFile({ filePath, version: 1, schema: settingsSchema, defaults: defaultSettings });
  }

  /** Returns a sentence for the viewer when the file was damaged and defaults were restored. */
  async load(): Promise<string | null> {
    const { value, recovered } = await this.file.load();
    this.current = value;
    return recovered ? `Your settings could not be read (${recovered.reason}) and are back to the defaults.${recovered.movedTo ? ` The old file was kept as ${path.basename(recovered.movedTo)}.` : ''}` : null;
  }

  get(): Settings {
    return this.current;
  }

  async update(patch: SettingsPatch): Promise<Settings> {
    const next = settingsSchema.parse({ ...this.current, ...patch });
    await this.file.save(next);
    this.current = next;
    return next;
  }
}
