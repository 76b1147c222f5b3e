import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileVerdict } from '../../../../../electron/node/library/fileChecks';
import { FileChecks } from '../../../../../electron/node/library/fileChecks';
import type { ScannedFile } from '../../../../../electron/node/library/scanner';
import { locateFfmpeg } from '../../../../../electron/node/media/ffmpegLocator';
import { makeFrameCodeClip } from '../../../../fixtures/media';

async function scanned(filePath: string): Promise<ScannedFile> {
  const info = await stat(filePath);
  return { path: filePath, size: info.size, modifiedMs: info.mtimeMs };
}

describe('FileChecks', () => {
  it('says which files are not videos and why, makes one small JPEG per playable episode, and keeps both', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-checks-'));
    const clip = await makeFrameCodeClip(folder, { seconds: 2, name: 'episode.mkv' });
    const broken = path.join(folder, 'broken.mkv');
    await writeFile(broken, Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256)));
    const verdicts = new Map<string, FileVerdict>();
    const checked: string[] = [];
    let expected = 3;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const checks = new FileChecks({
      thumbnailFolder: path.join(folder, 'cache'),
      tools: () => locateFfmpeg(),
      verdicts: { verdict: (filePath) => verdicts.get(filePath), setVerdict: (filePath, verdict) => verdicts.set(filePath, verdict) },
      onChecked: (file, what) => {
        checked.push(`${path.basename(file.path)} ${what}`);
        if (--expected === 0) done();
      },
    });
    const episode = await scanned(clip.path);
    checks.request([await scanned(broken), episode]);
    await finished;
    // The broken file once (its verdict); the episode twice (verdict, then thumbnail).
    expect(checked).toEqual(['broken.mkv verdict', 'episode.mkv verdict', 'episode.mkv thumbnail']);
    expect(verdicts.get(broken)?.problem).toMatch(/not a video/);
    expect(verdicts.get(clip.path)).toEqual({ size: episode.size, modifiedMs: episode.modifiedMs, problem: null });
    const jpeg = await readFile(checks.pathFor(episode));
    // JPEG start-of-image marker, and small enough for a grid of thousands.
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(jpeg.length).toBeLessThan(60_000);
    // A changed file gets a new thumbnail; an unchanged one keeps its cached one.
    expect(checks.pathFor({ ...episode, modifiedMs: episode.modifiedMs + 1 })).not.toBe(checks.pathFor(episode));

    // Known verdicts are not probed again: a second pass only reports the cached thumbnail.
    checked.length = 0;
    expected = 1;
    const again = new Promise<void>((resolve) => (done = resolve));
    checks.request([await scanned(broken), episode]);
    await again;
    expect(checked).toEqual(['episode.mkv thumbnail']);
    checks.stop();
  }, 60_000);

  it('checks a file as it is now when it changed while it waited in the queue', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-checks-'));
    const first = path.join(folder, 'first.mkv');
    const changing = path.join(folder, 'changing.mkv');
    await writeFile(first, Buffer.alloc(2048, 7));
    await writeFile(changing, Buffer.alloc(1024, 1));
    const verdicts = new Map<string, FileVerdict>();
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    let remaining = 2;
    const checks = new FileChecks({
      thumbnailFolder: null,
      tools: () => locateFfmpeg(),
      verdicts: { verdict: (filePath) => verdicts.get(filePath), setVerdict: (filePath, verdict) => verdicts.set(filePath, verdict) },
      onChecked: () => {
        if (--remaining === 0) done();
      },
    });
    const before = await scanned(changing);
    checks.request([await scanned(first), before]);
    // Written again (another size) while the first file is being probed; the library hears of it and asks again.
    await writeFile(changing, Buffer.alloc(4096, 2));
    const after = await scanned(changing);
    checks.request([after]);
    await finished;
    checks.stop();
    expect(verdicts.get(changing)).toMatchObject({ size: after.size, modifiedMs: after.modifiedMs });
    expect(verdicts.get(changing)?.size).not.toBe(before.size);
  }, 60_000);
});
