import type { ServiceApi } from '../common/contract';
import { toolProcesses } from './childProcesses';
import { Notices } from './notices';
import { PictureEstimates } from './picture/pictureEstimates';
import { appService } from './services/appService';
import type { ServiceContext, ServiceDependencies } from './services/context';
import { libraryService } from './services/libraryService';
import { mediaService } from './services/mediaService';
import { screenshotService } from './services/screenshotService';
import { settingsService } from './services/settingsService';
import { shadersService } from './services/shadersService';
import { subtitlesService } from './services/subtitlesService';
import { SubtitleService } from './subtitles/subtitleService';
import { SystemFonts } from './subtitles/systemFonts';

export type { ServiceDependencies };

/** The main process's services, exactly as the IPC contract describes them, one file each. */
export function createServices(dependencies: ServiceDependencies): ServiceApi {
  const processes = dependencies.processes ?? toolProcesses;
  const subtitles = new SubtitleService({
    ffmpeg: async () => (await dependencies.ffmpeg())?.ffmpeg ?? null,
    systemFonts: dependencies.systemFonts ?? new SystemFonts(),
    processes,
  });
  // Closing a file lets go of everything kept for it: its converting ffmpeg, its probes and
  // extractions still running, its extracted subtitles and fonts.
  dependencies.files.onClose((file) => {
    dependencies.conversions.forget(file.id);
    processes.stopFile(file.path);
    subtitles.forget(file.path);
  });
  const context: ServiceContext = {
    ...dependencies,
    processes,
    notices: dependencies.notices ?? new Notices(),
    subtitles,
    pictureEstimates: dependencies.pictureEstimates ?? new PictureEstimates(null),
  };
  return {
    media: mediaService(context),
    settings: settingsService(context),
    library: libraryService(context),
    screenshots: screenshotService(context),
    subtitles: subtitlesService(context),
    shaders: shadersService(context),
    app: appService(context),
  };
}
