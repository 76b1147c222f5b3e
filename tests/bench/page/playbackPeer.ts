// anime4k-webgpu's Mode A playing a clip in the same page, the same way: each frame the decoder
// presents is copied to the GPU, upscaled and drawn into a 3840×2160 canvas, timed with timestamps.
import { fitRect } from '../../../renderer/upscale/geometry';
import { peerDevice, peerModes } from './peer';
import type { PlaybackRow } from './playbackMedia';
import { canvasSize, makeCanvas, makeVideo, playThrough } from './playbackMedia';
import { PlaybackSubtitles } from './playbackSubtitles';
import { median, percentile } from './statistics';

const blitShader = `
@group(0) @binding(0) var picture: texture_2d<f32>;
@vertex fn vertexMain(@builtin(vertex_index) index: u32) -> @builtin(position) vec4f {
  let corner = vec2f(f32((index << 1u) & 2u), f32(index & 2u));
  return vec4f(corner * 2.0 - 1.0, 0.0, 1.0);
}
@fragment fn fragmentMain(@builtin(position) position: vec4f) -> @location(0) vec4f {
  return vec4f(textureLoad(picture, vec2i(position.xy) - vec2i(ORIGIN), 0).rgb, 1.0);
}`;

export async function playPeer(clip: string, allowSoftware: boolean): Promise<PlaybackRow & { renderer: string }> {
  const { device, adapter } = await peerDevice();
  if (adapter.info.isFallbackAdapter && !allowSoftware) throw new Error('WebGPU runs on a CPU fallback adapter: no GPU figures from it');
  // The same subtitle layer over the peer's picture: both pay for libass alike.
  const subtitles = await PlaybackSubtitles.create();
  const video = makeVideo(clip);
  await new Promise((resolve) => video.addEventListener('loadedmetadata', resolve, { once: true }));
  const native = { width: video.videoWidth, height: video.videoHeight };
  const rect = fitRect(native.width, native.height, canvasSize.width, canvasSize.height);
  const input = device.createTexture({ size: [native.width, native.height], format: 'rgba8unorm', usage: GPUTextureUsage.TEXTURE_BINDING | GPUTextureUsage.COPY_DST | GPUTextureUsage.RENDER_ATTACHMENT });
  const pipeline = new peerModes.A({ device, inputTexture: input, nativeDimensions: native, targetDimensions: { width: rect.width, height: rect.height } });
  const canvas = makeCanvas();
  const context = canvas.getContext('webgpu');
  if (!context) throw new Error('no WebGPU canvas');
  const format = navigator.gpu.getPreferredCanvasFormat();
  context.configure({ device, format, alphaMode: 'opaque' });
  const module = device.createShaderModule({ code: blitShader.replace('ORIGIN', `vec2i(${rect.x}, ${rect.y})`) });
  const blit = device.createRenderPipeline({ layout: 'auto', vertex: { module, entryPoint: 'vertexMain' }, fragment: { module, entryPoint: 'fragmentMain', targets: [{ format }] } });
  const output = pipeline.getOutputTexture();
  const bindGroup = device.createBindGroup({ layout: blit.getBindGroupLayout(0), entries: [{ binding: 0, resource: output.createView() }] });
  const timestamps = device.features.has('timestamp-query');
  const querySet = timestamps ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
  const resolveBuffer = device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const reads: GPUBuffer[] = [];
  const times: number[] = [];
  const counters = { presented: 0, dropped: 0, skippedByGpu: 0 };
  let inFlight = 0;
  let lastPresented = -1;
  const dropsAt: number[] = [];
  let firstFrameMs = Number.NaN;
  let lost = false;
  void device.lost.then(() => (lost = true));
  const opened = performance.now();
  const frame = (_now: number, metadata: VideoFrameCallbackMetadata) => {
    handle = video.requestVideoFrameCallback(frame);
    counters.presented++;
    subtitles?.frame(metadata.mediaTime, video.videoWidth, video.videoHeight);
    if (lastPresented >= 0 && metadata.presentedFrames > lastPresented + 1) {
      counters.dropped += metadata.presentedFrames - lastPresented - 1;
      dropsAt.push(Math.round(metadata.mediaTime * 1000) / 1000);
    }
    lastPresented = metadata.presentedFrames;
    // As Kirei's stage does: past two frames in flight, a frame is skipped rather than queued.
    if (inFlight >= 2) {
      counters.skippedByGpu++;
      return;
    }
    device.queue.copyExternalImageToTexture({ source: video }, { texture: input }, [native.width, native.height]);
    const encoder = device.createCommandEncoder();
    if (querySet) encoder.beginComputePass({ timestampWrites: { querySet, beginningOfPassWriteIndex: 0 } }).end();
    pipeline.pass(encoder);
    const pass = encoder.beginRenderPass({
      colorAttachments: [{ view: context.getCurrentTexture().createView(), loadOp: 'clear', storeOp: 'store', clearValue: [0, 0, 0, 1] }],
      ...(querySet ? { timestampWrites: { querySet, endOfPassWriteIndex: 1 } } : {}),
    });
    pass.setPipeline(blit);
    pass.setBindGroup(0, bindGroup);
    pass.setViewport(rect.x, rect.y, rect.width, rect.height, 0, 1);
    pass.draw(3);
    pass.end();
    const read = reads.find((buffer) => buffer.mapState === 'unmapped') ?? device.createBuffer({ size: 16, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
    if (!reads.includes(read)) reads.push(read);
    if (querySet) {
      encoder.resolveQuerySet(querySet, 0, 2, resolveBuffer, 0);
      encoder.copyBufferToBuffer(resolveBuffer, 0, read, 0, 16);
    }
    device.queue.submit([encoder.finish()]);
    if (Number.isNaN(firstFrameMs)) firstFrameMs = performance.now() - opened;
    inFlight++;
    void device.queue.onSubmittedWorkDone().then(() => inFlight--);
    if (querySet) {
      void read.mapAsync(GPUMapMode.READ).then(() => {
        const [begin = 0n, end = 0n] = new BigUint64Array(read.getMappedRange());
        read.unmap();
        times.push(Number(end - begin) / 1e6);
      });
    }
  };
  let handle = video.requestVideoFrameCallback(frame);
  const started = performance.now();
  await playThrough(video);
  video.cancelVideoFrameCallback(handle);
  const quality = video.getVideoPlaybackQuality();
  if (lost) throw new Error('the WebGPU device was lost while anime4k-webgpu played');
  await device.queue.onSubmittedWorkDone();
  const subtitleFigures = subtitles?.figures() ?? null;
  subtitles?.dispose();
  video.remove();
  canvas.remove();
  device.destroy();
  return {
    renderer: adapter.info.description || adapter.info.vendor,
    backend: 'anime4k-webgpu',
    run: 'anime4k-webgpu ModeA',
    clip,
    seconds: (performance.now() - started) / 1000,
    ...counters,
    decoderDropped: quality.droppedVideoFrames,
    reused: 0,
    computedMs: { median: median(times), p95: percentile(times, 0.95), p99: percentile(times, 0.99), count: times.length },
    meanPerPresentedMs: times.reduce((sum, value) => sum + value, 0) / Math.max(1, times.length),
    firstFrameMs,
    secondOpenFirstFrameMs: null,
    dropsAt,
    subtitles: subtitleFigures,
  };
}
