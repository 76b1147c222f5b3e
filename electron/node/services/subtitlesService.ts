import type { ServiceApi } from '../../common/contract';
import type { ServiceContext } from './context';

export function subtitlesService(context: ServiceContext): ServiceApi['subtitles'] {
  return {
    list: ({ mediaId }) => {
      const file = context.files.get(mediaId);
      return context.subtitles.list(file.path, file.probe);
    },
    load: ({ mediaId, trackId }) => {
      const file = context.files.get(mediaId);
      return context.subtitles.load(file.path, file.probe, trackId);
    },
  };
}
