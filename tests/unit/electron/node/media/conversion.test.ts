import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { planConversion } from '../../../../../electron/node/media/conversionPlan';
import type { ConversionPlan } from '../../../../../electron/common/conversion';
import type { MediaProbe } from '../../../../../electron/common/media';
import { Conversions, conversionArguments, encoderPreset } from '../../../../../electron/node/media/conversion';
import { createMediaHandler } from '../../../../../electron/node/media/mediaHandler';
import { probeFile } from '../../../../../electron/node/media/probe';
import { MediaRegistry } from '../../../../../electron/node/media/registry';
import { OpenFiles } from '../../../../../electron/node/media/openFiles';
import { makeTwoAudioClip } from '../../../../fixtures/media';

const run = promisify(execFile);

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const containers = new Set(['moov', 'trak', 'mdia', 'moof', 'traf']);

/** Box types in file order, with each track's timescale, each fragment's track and its first decode time. */
function boxes(data: Buffer, start = 0, end = data.length, found: { type: string; value?: number }[] = []) {
  let offset = start;
  while (offset + 8 <= end) {
    const size = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    if (size < 8) break;
    if (type === 'mdhd') found.push({ type, value: data.readUInt32BE(offset + (data[offset + 8] === 1 ? 28 : 20)) });
    else if (type === 'tfdt') found.push({ type, value: Number(data[offset + 8] === 1 ? data.readBigUInt64BE(offset + 12) : data.readUInt32BE(offset + 12)) });
    else if (type === 'tfhd') found.push({ type, value: data.readUInt32BE(offset + 12) });
    else found.push({ type });
    if (containers.has(type)) boxes(data, offset + 8, Math.min(end, offset + size), found);
    offset += size;
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The open files as Conversions sees them: one file, planned for conversion. */
function only(id: string, filePath: string, probe: MediaProbe, plan: ConversionPlan | null) {
  return (wanted: string) => (wanted === id ? { path: filePath, probe, conversion: plan } : undefined);
}

describe('ffmpeg conversion', () => {
  let clip = '';
  let probe: MediaProbe;
  let plan: ConversionPlan;
  const mediaId = 'a'.repeat(32);

  beforeAll(async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-conversion-'));
    clip = await makeTwoAudioClip(folder, 'dolby.mkv', 30, ['ac3', 'eac3']);
    probe = await probeFile(clip, 'ffprobe');
    const planned = planConversion(probe);
    if (!planned) throw new Error('an AC-3 file needs a plan');
    plan = planned;
  }, 60_000);

  function conversions() {
    return new Conversions(() => Promise.resolve('ffmpeg'), only(mediaId, clip, probe, plan));
  }

  it('asks ffmpeg for one video and the chosen audio track, keeping the source timestamps', () => {
    const args = conversionArguments(clip, probe, plan, { start: 12.5, audioIndex: 2 });
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 2)).toEqual(['-ss', '12.500']);
    expect(args).toEqual(expect.arrayContaining(['-copyts', '-c:v', 'copy', '-c:a', 'aac']));
    expect(args.filter((argument) => argument === '-map')).toHaveLength(2);
    expect(args[args.indexOf('-map', args.indexOf('-map') + 1) + 1]).toBe('0:2');
    expect(args[args.indexOf('-i') + 1]).toBe(`file:${clip}`);
  });

  it('picks the encoder speed from the picture size and the cores there are', () => {
    expect(encoderPreset(1920 * 1080, 2)).toBe('ultrafast');
    expect(encoderPreset(1920 * 1080, 8)).toBe('veryfast');
    expect(encoderPreset(3840 * 2160, 8)).toBe('ultrafast');
    expect(encoderPreset(3840 * 2160, 16)).toBe('superfast');
    const hevc: MediaProbe = { ...probe, video: { index: 0, codec: 'hevc', profile: 'Main 10', bitDepth: 10, pixelFormat: null, width: 1920, height: 1080, frameRate: 23.976 } };
    const args = conversionArguments(clip, hevc, { ...plan, video: 'transcode' }, { start: 0, audioIndex: 1 }, 8);
    expect(args).toEqual(expect.arrayContaining(['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '48']));
    expect(args).not.toContain('-ss');
  });

  it('streams fragmented MP4 whose fragments start at the requested time', async () => {
    const service = conversions();
    const body = await service.start(mediaId, { start: 10, audioIndex: 2 });
    if (!body) throw new Error('no stream');
    const data = await readAll(body);
    const found = boxes(data);
    expect(found[0]?.type).toBe('ftyp');
    expect(found.filter((box) => box.type === 'trak')).toHaveLength(2);
    const [videoScale, audioScale] = found.filter((box) => box.type === 'mdhd').map((box) => box.value ?? 1);
    /** The first decode time of each track (ids 1 and 2, in the order of their mdhd). */
    const firstTime = (track: number) => {
      const at = found.findIndex((box, index) => box.type === 'tfdt' && found[index - 1]?.value === track && found[index - 1]?.type === 'tfhd');
      return found[at]?.value ?? -1;
    };
    const videoStart = firstTime(1);
    const audioStart = firstTime(2);
    // Video copied from the keyframe before 10 s (one every 2 s); audio converted from 10 s.
    expect((videoStart ?? 0) / (videoScale ?? 1)).toBeGreaterThanOrEqual(7.9);
    expect((videoStart ?? 0) / (videoScale ?? 1)).toBeLessThanOrEqual(10);
    expect((audioStart ?? 0) / (audioScale ?? 1)).toBeCloseTo(10, 1);
    expect(service.failure(mediaId)).toBeNull();
    expect(service.processIds()).toEqual([]);
  }, 30_000);

  it('stops ffmpeg when the reader goes away, when a new request replaces it and when the file closes', async () => {
    const files = new OpenFiles(new MediaRegistry());
    const service = new Conversions(() => Promise.resolve('ffmpeg'), (id) => files.find(id));
    files.onClose((file) => service.forget(file.id));
    const { id } = await files.open(clip, probe);
    const first = await service.start(id, { start: 0, audioIndex: 1 });
    const [firstPid] = service.processIds();
    first?.destroy();
    await until(() => firstPid !== undefined && !alive(firstPid));

    await service.start(id, { start: 0, audioIndex: 1 });
    const [secondPid] = service.processIds();
    const third = await service.start(id, { start: 5, audioIndex: 1 });
    await until(() => secondPid !== undefined && !alive(secondPid));
    expect(service.processIds()).toHaveLength(1);

    const [thirdPid] = service.processIds();
    files.close(id);
    await until(() => thirdPid !== undefined && !alive(thirdPid));
    expect(service.processIds()).toEqual([]);
    expect(service.failure(id)).toBeNull();
    expect(await service.start(id, { start: 0, audioIndex: 1 })).toBeNull();
    third?.destroy();
  }, 30_000);

  it('turns ffmpeg dying mid-stream into a stream error and says why', async () => {
    const service = conversions();
    const body = await service.start(mediaId, { start: 0, audioIndex: 1 });
    if (!body) throw new Error('no stream');
    const [pid] = service.processIds();
    body.once('data', () => process.kill(pid ?? 0, 'SIGKILL'));
    await expect(readAll(body)).rejects.toThrow('ffmpeg was stopped by SIGKILL');
    expect(service.failure(mediaId)).toBe('ffmpeg was stopped by SIGKILL');
    expect(service.processIds()).toEqual([]);
  }, 30_000);

  it('repackages H.264 and AAC from MPEG-TS, from the start and from the middle', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-conversion-'));
    const transport = path.join(folder, 'broadcast.ts');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=24:duration=8', '-f', 'lavfi', '-i', 'sine=duration=8', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '24', '-c:a', 'aac', transport]);
    const transportProbe = await probeFile(transport, 'ffprobe');
    const transportPlan = planConversion(transportProbe);
    expect(transportPlan).toMatchObject({ video: 'copy', audio: [{ action: 'copy' }] });
    const service = new Conversions(() => Promise.resolve('ffmpeg'), only(mediaId, transport, transportProbe, transportPlan));
    for (const start of [0, 4]) {
      const body = await service.start(mediaId, { start, audioIndex: transportProbe.audio[0]?.index ?? null });
      if (!body) throw new Error('no stream');
      const found = boxes(await readAll(body));
      expect(found.filter((box) => box.type === 'moof').length).toBeGreaterThan(2);
      expect(service.failure(mediaId)).toBeNull();
    }
  }, 30_000);

  it('says when ffmpeg is missing', async () => {
    const service = new Conversions(() => Promise.resolve(null), only(mediaId, clip, probe, plan));
    await expect(service.start(mediaId, { start: 0, audioIndex: 1 })).rejects.toThrow('ffmpeg was not found');
    expect(service.failure(mediaId)).toMatch(/ffmpeg was not found/);
  });

  it('is served by the media protocol only for registered files and valid requests', async () => {
    const registry = new MediaRegistry();
    let planned: ConversionPlan | null = null;
    const id = await registry.register(clip, 'video/mp2t');
    const service = new Conversions(() => Promise.resolve('ffmpeg'), (wanted) => (wanted === id ? { path: clip, probe, conversion: planned } : undefined));
    const handle = createMediaHandler(registry, service);
    const get = (query: string) => handle({ method: 'GET', url: `kirei-media://media/${id}?${query}`, header: () => null });

    expect((await get('convert&start=0')).status).toBe(404);
    planned = plan;
    expect((await get('convert&start=abc')).status).toBe(400);
    expect((await get('convert&start=-1')).status).toBe(400);
    expect((await get('convert&start=0&audio=0')).status).toBe(400);
    expect((await get('convert&start=0&audio=1.5')).status).toBe(400);
    const served = await get('convert&start=2&audio=1');
    expect(served.status).toBe(200);
    expect(served.headers['Content-Type']).toBe('video/mp4');
    expect(served.headers['Content-Length']).toBeUndefined();
    served.body?.destroy();
    // The file itself is still served with ranges.
    expect((await handle({ method: 'GET', url: `kirei-media://media/${id}`, header: () => null })).headers['Accept-Ranges']).toBe('bytes');
    service.stopAll();
    expect(service.processIds()).toEqual([]);
  }, 30_000);
});
