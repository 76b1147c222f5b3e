import type { ServiceApi } from '../../common/contract';
import { chosenFfmpeg, chosenScreenshotFolder } from '../media/chosenPaths';
import type { ServiceContext } from './context';

export function settingsService(context: ServiceContext): ServiceApi['settings'] {
  const { settings } = context;
  return {
    get: () => Promise.resolve(settings.get()),
    update: (patch) => settings.update(patch),
    // Paths are chosen in the system's dialogs and checked here: the page never names one.
    chooseScreenshotFolder: async () => {
      const picked = await context.pickFolder('screenshots');
      return picked ? settings.update({ screenshotFolder: await chosenScreenshotFolder(picked) }) : settings.get();
    },
    chooseFfmpeg: async () => {
      const picked = await context.pickProgram();
      return picked ? settings.update({ ffmpeg: await chosenFfmpeg(picked, context.processes) }) : settings.get();
    },
    resetPath: ({ which }) => {
      if (which === 'ffmpeg') return settings.update({ ffmpeg: { ffmpeg: null, ffprobe: null } });
      return settings.update(which === 'shaderFolder' ? { shaderFolder: null } : { screenshotFolder: null });
    },
  };
}
