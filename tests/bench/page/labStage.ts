// Lab check of the picture stage on WebGPU outside the app: a video through the stage into a canvas.
import { requestWebGpuDevice } from '../../../renderer/gpu/webgpu/device';
import { Stage } from '../../../renderer/upscale/pictureStage';
import { WebGpuBackend } from '../../../renderer/upscale/webgpu/backend';

export async function stageSmoke(url: string, seconds: number): Promise<string[]> {
  const log: string[] = [];
  const gpu = await requestWebGpuDevice();
  if (!gpu) return ['no adapter'];
  const canvas = document.createElement('canvas');
  canvas.width = 640;
  canvas.height = 360;
  document.body.appendChild(canvas);
  const timed = { ...gpu, timestamps: new URLSearchParams(location.search).get('timestamps') !== '0' };
  const stage = new Stage(canvas, (events) => new WebGpuBackend(canvas, timed, events), {
    onContextLost: () => log.push('lost'),
    onContextRestored: () => log.push('restored'),
    onContextUnrecoverable: (reason: string) => log.push(`unrecoverable ${reason}`),
    onTimings: () => undefined,
  });
  let frames = 0;
  if (url === 'canvas') {
    const source = document.createElement('canvas');
    source.width = 320;
    source.height = 180;
    const context = source.getContext('2d');
    const tick = () => {
      if (context) {
        context.fillStyle = `hsl(${frames * 7} 70% 50%)`;
        context.fillRect(0, 0, 320, 180);
      }
      stage.render(source, 320, 180);
      frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  } else {
    const video = document.createElement('video');
    video.src = url;
    video.muted = true;
    document.body.appendChild(video);
    await video.play();
    const tick = () => {
      stage.render(video, video.videoWidth, video.videoHeight);
      frames++;
      video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
  }
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  log.push(`frames ${frames}`);
  return log;
}
