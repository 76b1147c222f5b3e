import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { it } from 'vitest';
import { planConversion } from '../../../electron/node/media/conversionPlan';
import { Conversions } from '../../../electron/node/media/conversion';
import { probeFile } from '../../../electron/node/media/probe';

const run = promisify(execFile);
const folder = path.join(os.tmpdir(), 'kirei-conversion-bench');
const corpusClip = path.resolve(__dirname, '../../../../shared/corpus/video/gradient_1080p_0-25_yuv420p10_x265.mp4');
/** Linux reports process CPU time in ticks of 1/100 s (sysconf CLK_TCK). */
const ticksPerSecond = 100;

interface Case {
  label: string;
  file: string;
  make: string[];
}

/** Sources made once and kept between runs: motion and fine detail, so the encoder works as on real video. */
const cases: Case[] = [
  {
    label: '1080p24 HEVC 10-bit → H.264 (transcode)',
    file: 'hevc-1080p10.mkv',
    make: ['-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=24000/1001:duration=30', '-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', '-x265-params', 'log-level=error'],
  },
  {
    label: '1080p24 H.264 + E-AC-3 5.1 → copy + AAC',
    file: 'h264-eac3.mkv',
    make: [
      '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=24000/1001:duration=60',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=60',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '48', '-c:a', 'eac3', '-ac', '6', '-b:a', '448k',
    ],
  },
  {
    label: '720p H.264/AAC in MPEG-TS → repackaged',
    file: 'h264-aac.ts',
    make: [
      '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=24000/1001:duration=60',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=60',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '48', '-c:a', 'aac',
    ],
  },
];

async function source(entry: Case): Promise<string> {
  const file = path.join(folder, entry.file);
  if (!(await stat(file).then(() => true, () => false))) {
    await mkdir(folder, { recursive: true });
    await run('ffmpeg', ['-v', 'error', '-y', ...entry.make, file], { maxBuffer: 1 << 24 });
  }
  return file;
}

function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return null;
  }
}

interface Measure {
  firstFragmentMs: number;
  wallSeconds: number;
  cpuSeconds: number;
}

/** Converts from `start` to the end as fast as ffmpeg goes, reading everything at once. */
async function measure(file: string, start: number): Promise<Measure> {
  const probe = await probeFile(file, 'ffprobe');
  const plan = planConversion(probe);
  if (!plan) throw new Error(`${file} needs no conversion`);
  const id = 'b'.repeat(32);
  const conversions = new Conversions(() => Promise.resolve('ffmpeg'), (wanted) => (wanted === id ? { path: file, probe, conversion: plan } : undefined));
  const began = performance.now();
  const body = await conversions.start(id, { start, audioIndex: probe.audio[0]?.index ?? null });
  if (!body) throw new Error('no stream');
  const pid = conversions.processIds()[0] ?? 0;
  let cpu = 0;
  const sampler = setInterval(() => {
    cpu = cpuSeconds(pid) ?? cpu;
  }, 20);
  let firstFragmentMs = -1;
  for await (const chunk of body) {
    if (firstFragmentMs < 0 && (chunk as Buffer).includes('mdat')) firstFragmentMs = performance.now() - began;
  }
  clearInterval(sampler);
  return { firstFragmentMs, wallSeconds: (performance.now() - began) / 1000, cpuSeconds: cpu };
}

it('conversion: start-up, seek restart, speed and CPU of the ffmpeg fallback (2 cores)', async () => {
  const rows = ['| source | first fragment | after a seek to the middle | speed | CPU per second of video |', '|---|---:|---:|---:|---:|'];
  const all = [...cases.map((entry) => ({ label: entry.label, file: () => source(entry) })), { label: 'corpus: 1080p 5 fps HEVC 10-bit test card → H.264', file: () => Promise.resolve(corpusClip) }];
  for (const entry of all) {
    const file = await entry.file();
    const duration = (await probeFile(file, 'ffprobe')).durationSeconds ?? 0;
    const whole = await measure(file, 0);
    const seek = await measure(file, duration / 2);
    rows.push(
      `| ${entry.label} | ${whole.firstFragmentMs.toFixed(0)} ms | ${seek.firstFragmentMs.toFixed(0)} ms | ${(duration / whole.wallSeconds).toFixed(1)}× real time | ${((whole.cpuSeconds / duration) * 100).toFixed(1)} % of one core |`,
    );
  }
  console.log(rows.join('\n'));
});
