import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planConversion } from '../../../electron/node/media/conversionPlan';
import { KireiError } from '../../../electron/common/errors';
import type { MediaProbe } from '../../../electron/common/media';
import { ChildProcesses } from '../../../electron/node/childProcesses';
import type { FileVerdict } from '../../../electron/node/library/fileChecks';
import { FileChecks } from '../../../electron/node/library/fileChecks';
import { Conversions } from '../../../electron/node/media/conversion';
import { locateFfmpeg } from '../../../electron/node/media/ffmpegLocator';
import { probeFile } from '../../../electron/node/media/probe';
import { convertSidecar, extractEmbeddedTrack } from '../../../electron/node/subtitles/extract';
import { SubtitleService } from '../../../electron/node/subtitles/subtitleService';
import { SystemFonts } from '../../../electron/node/subtitles/systemFonts';
import { makeFrameCodeClip } from '../../fixtures/media';
import { disguisedFiles, noise, startReadTrap, startTripwire, writeHugeFontsScript } from '../../fixtures/hostile';

const run = promisify(execFile);

/** Every hostile file is answered within ffprobe's own limit (20 s) and a margin: none hangs. */
const answerBoundMs = 25_000;

interface Case {
  name: string;
  code: KireiError['code'];
  message: RegExp;
}

async function within<T>(work: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const started = performance.now();
  try {
    return { value: await work, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

describe.skipIf(process.platform === 'win32')('a library folder of hostile files', () => {
  let folder = '';
  let ffmpeg = '';
  let ffprobe = '';
  const cases: Case[] = [];
  let tripwire: Awaited<ReturnType<typeof startTripwire>>;
  let traps: Awaited<ReturnType<typeof startReadTrap>>[] = [];
  const processes = new ChildProcesses();

  beforeAll(async () => {
    const tools = await locateFfmpeg();
    if (!tools) throw new Error('ffmpeg and ffprobe must be installed for these tests');
    ({ ffmpeg, ffprobe } = tools);
    folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-hostile-'));
    tripwire = await startTripwire();
    const secrets = await mkdtemp(path.join(os.tmpdir(), 'kirei-secrets-'));
    traps = [await startReadTrap(path.join(secrets, 'secret.ts')), await startReadTrap(path.join(folder, 'beside.ts'))];
    const disguised = disguisedFiles({ tcpPort: tripwire.tcpPort, udpPort: tripwire.udpPort, trap: path.join(secrets, 'secret.ts'), relativeTrap: 'beside.ts' });
    const words: Record<string, RegExp> = { hls: /HLS playlist/, dash: /DASH manifest/, concat: /list of other files/, sdp: /network stream description/ };
    for (const [kind, text] of Object.entries(disguised)) {
      await writeFile(path.join(folder, `[Group] Show - 0${cases.length + 1} (1080p) ${kind}.mkv`), text);
      cases.push({ name: `[Group] Show - 0${cases.length + 1} (1080p) ${kind}.mkv`, code: 'not-media', message: words[kind] ?? /./ });
    }
    const add = async (name: string, content: string | Buffer, code: KireiError['code'], message: RegExp) => {
      await writeFile(path.join(folder, name), content);
      cases.push({ name, code, message });
    };
    const clip = await makeFrameCodeClip(await mkdtemp(path.join(os.tmpdir(), 'kirei-source-')), { seconds: 2, container: 'mp4' });
    const source = await readFile(clip.path);
    await add('Show - 10 zero bytes.mkv', Buffer.alloc(0), 'empty-file', /empty \(0 bytes\)/);
    await add('Show - 11 truncated.mp4', source.subarray(0, 2000), 'truncated', /incomplete/);
    await add('Show - 12 random bytes.mkv', noise(300_000), 'not-media', /not a video/);
    await add('Show - 13 notes.mkv', 'These are notes about the episode, renamed.\n'.repeat(100), 'not-media', /not a video/);
    // An image sequence name with a picture inside: ffmpeg must not read it as a pattern of other files.
    const png = (await run(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'color=red:s=16x16', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'], { encoding: 'buffer' })).stdout;
    await add('Show - %02d.mkv', png, 'not-media', /picture|not a video/);
    await add('Show - 01.nfo', '<episodedetails><title>x</title></episodedetails>', 'not-media', /not a video/);
    await add('cover.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'not-media', /not a video/);
    // 200 000 chapters make ffprobe print more than 32 MB.
    const metadata = [';FFMETADATA1', ...Array.from({ length: 200_000 }, (_, index) => `[CHAPTER]\nTIMEBASE=1/1000\nSTART=${index}\nEND=${index + 1}\ntitle=Chapter ${index}`)].join('\n');
    await writeFile(path.join(folder, 'chapters.txt'), metadata);
    await run(ffmpeg, ['-v', 'error', '-y', '-i', clip.path, '-i', path.join(folder, 'chapters.txt'), '-map', '0', '-map_chapters', '1', '-c', 'copy', path.join(folder, 'Show - 14 chapters.mkv')]);
    cases.push({ name: 'Show - 14 chapters.mkv', code: 'unsupported', message: /more than 32 MB/ });
    await symlink('/etc/passwd', path.join(folder, 'passwd.mkv'));
    cases.push({ name: 'passwd.mkv', code: 'not-media', message: /not a video/ });
    await run('mkfifo', [path.join(folder, 'Show - 15 pipe.mkv')]);
    cases.push({ name: 'Show - 15 pipe.mkv', code: 'not-media', message: /not a regular file/ });
    await mkdir(path.join(folder, 'Show - 16 folder.mkv'));
    cases.push({ name: 'Show - 16 folder.mkv', code: 'invalid-request', message: /folder/ });
  }, 120_000);

  afterAll(async () => {
    processes.stopAll();
    await Promise.all(traps.map((trap) => trap.close()));
    await tripwire.close();
  });

  it('probes each with a clear message of its own, in bounded time, touching no network and no other file', async () => {
    for (const entry of cases) {
      const answer = await within(probeFile(path.join(folder, entry.name), ffprobe, { processes }));
      expect(answer.error, entry.name).toBeInstanceOf(KireiError);
      const error = answer.error as KireiError;
      expect({ name: entry.name, code: error.code }).toEqual({ name: entry.name, code: entry.code });
      expect(error.message, entry.name).toMatch(entry.message);
      // Random bytes and text are not "still downloading".
      if (entry.code === 'not-media') expect(error.message, entry.name).not.toMatch(/downloading/);
      expect(answer.ms, entry.name).toBeLessThan(answerBoundMs);
    }
    expect(tripwire.hits()).toBe(0);
    expect(traps.map((trap) => trap.opened())).toEqual([false, false]);
  }, 300_000);

  it('checks the folder in the background: every file gets its reason, no thumbnail is made of any', async () => {
    const verdicts = new Map<string, FileVerdict>();
    const regular = cases.filter((entry) => !/pipe|folder/.test(entry.name));
    let remaining = regular.length;
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const thumbnails: string[] = [];
    const checks = new FileChecks({
      thumbnailFolder: path.join(folder, '.thumbnails'),
      tools: () => Promise.resolve({ ffmpeg, ffprobe, source: 'system' }),
      verdicts: { verdict: (file) => verdicts.get(file), setVerdict: (file, verdict) => verdicts.set(file, verdict) },
      onChecked: (file, what) => {
        if (what === 'thumbnail') thumbnails.push(file.path);
        else if (--remaining === 0) finished();
      },
      processes,
    });
    checks.request(regular.map((entry) => ({ path: path.join(folder, entry.name), size: 1, modifiedMs: 1 })));
    await done;
    checks.stop();
    for (const entry of regular) expect(verdicts.get(path.join(folder, entry.name))?.problem, entry.name).toMatch(entry.message);
    expect(thumbnails).toEqual([]);
    expect(tripwire.hits()).toBe(0);
    expect(traps.map((trap) => trap.opened())).toEqual([false, false]);
  }, 300_000);

  it('refuses them as subtitle files and as sources of subtitles and conversions, touching nothing', async () => {
    const tool = { ffmpeg, processes };
    for (const entry of cases.filter((item) => /hls|dash|concat|sdp/.test(item.name))) {
      const file = path.join(folder, entry.name);
      // As a subtitle file beside a video.
      const sidecar = path.join(folder, `${path.basename(entry.name, '.mkv')}.en.srt`);
      await writeFile(sidecar, await readFile(file));
      await expect(convertSidecar(tool, sidecar), entry.name).rejects.toMatchObject({ code: 'not-media' });
      // As a video with a subtitle track.
      await expect(extractEmbeddedTrack(tool, file, 0, 'subrip'), entry.name).rejects.toMatchObject({ code: 'not-media', message: expect.stringMatching(entry.message) as unknown });
      // As a file the player converts (a probe it never had, as a renderer could not forge one).
      const probe: MediaProbe = { container: 'matroska', durationSeconds: 10, sizeBytes: 100, bitRate: null, video: { index: 0, codec: 'hevc', profile: null, bitDepth: 8, pixelFormat: 'yuv420p', width: 640, height: 360, frameRate: 24 }, audio: [], subtitles: [], attachments: [], chapters: [], warnings: [] };
      const plan = planConversion(probe);
      if (!plan) throw new Error('HEVC must need a conversion');
      const conversions = new Conversions(() => Promise.resolve(ffmpeg), (id) => (id === 'id' ? { path: file, probe, conversion: plan } : undefined), processes);
      const body = await conversions.start('id', { start: 0, audioIndex: null });
      if (!body) throw new Error('the conversion did not start');
      const failure = await new Promise<Error | null>((resolve) => {
        body.on('error', resolve);
        body.on('end', () => resolve(null));
        body.resume();
      });
      expect(failure?.message, entry.name).toMatch(/whitelist|Invalid/);
    }
    expect(tripwire.hits()).toBe(0);
    expect(traps.map((trap) => trap.opened())).toEqual([false, false]);
  }, 300_000);

  it('reads a 190 MB [Fonts] section beside an episode without blocking, skipping the font with a reason', async () => {
    const video = path.join(folder, 'Episode 01.mkv');
    await writeFile(video, await readFile((await makeFrameCodeClip(await mkdtemp(path.join(os.tmpdir(), 'kirei-source-')), { seconds: 2 })).path));
    await writeHugeFontsScript(path.join(folder, 'Episode 01.default.ass'), 190);
    const probe = await probeFile(video, ffprobe, { processes });
    const service = new SubtitleService({ ffmpeg: () => Promise.resolve(ffmpeg), systemFonts: new SystemFonts([]), processes });
    const [choice] = await service.list(video, probe);
    expect(choice).toMatchObject({ source: 'sidecar', isDefault: true });
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      longestGap = Math.max(longestGap, performance.now() - last);
      last = performance.now();
    }, 10);
    const loaded = await service.load(video, probe, choice?.id ?? '');
    clearInterval(ticker);
    expect(loaded.content).toContain('Still here');
    expect(loaded.content).not.toContain('[Fonts]');
    expect(loaded.warnings.join(' ')).toMatch(/huge_0\.ttf \(larger than 64 MB\)/);
    // This thread went on: reading the file and handing it over is all it did. The bound is the
    // stated one for a hang (5 MB used to block 2 s; 190 MB killed the process), not a speed goal.
    console.log(`190 MB [Fonts] script: longest pause of the calling thread ${Math.round(longestGap)} ms`);
    expect(longestGap).toBeLessThan(5000);
  }, 300_000);
});
