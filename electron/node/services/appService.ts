import type { ServiceApi } from '../../common/contract';
import type { ServiceContext } from './context';

export function appService(context: ServiceContext): ServiceApi['app'] {
  return {
    info: async () => {
      const tools = await context.ffmpeg();
      return { version: context.version, platform: process.platform, ffmpeg: tools ? `${tools.source}: ${tools.ffmpeg}` : null };
    },
    notices: () => Promise.resolve(context.notices.take()),
  };
}
