import { execFile } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '../../e2e/harness/fixtures';

const run = promisify(execFile);
const folder = path.join(os.tmpdir(), 'kirei-conversion-player-bench');
const seconds = 60;
const input = ['-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=24000/1001:duration=${seconds}`, '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`];

/** The same picture three ways: played directly, with audio converted, with video converted. */
const sources = [
  { label: 'H.264 + AAC (played directly)', file: 'direct.mkv', codecs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '48', '-c:a', 'aac'] },
  { label: 'H.264 + AC-3 (audio converted)', file: 'ac3.mkv', codecs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '48', '-c:a', 'ac3'] },
  { label: 'HEVC 10-bit + AC-3 (both converted)', file: 'hevc.mkv', codecs: ['-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', '-x265-params', 'log-level=error', '-c:a', 'ac3'] },
];

async function source(file: string, codecs: string[]): Promise<string> {
  const target = path.join(folder, file);
  if (!(await stat(target).then(() => true, () => false))) {
    await mkdir(folder, { recursive: true });
    await run('ffmpeg', ['-v', 'error', '-y', ...input, ...codecs, target]);
  }
  return target;
}

test.use({ initialSettings: { inputConf: 'g seek 40 absolute' } });

test('conversion in the player: time to the first picture, after opening and after a seek', async ({ kirei }) => {
  const { page } = kirei;
  const presented = () => page.evaluate(() => window.kireiInspector?.presentedMediaTime() ?? -1);
  const rows = ['| source | open → first picture | seek to 40 s → picture | video played in 10 s (1× keeps up) |', '|---|---:|---:|---:|'];
  for (const entry of sources) {
    const file = await source(entry.file, entry.codecs);
    let started = performance.now();
    await kirei.open(file);
    await expect.poll(presented, { timeout: 60_000, intervals: [10] }).toBeGreaterThanOrEqual(0);
    const openMs = performance.now() - started;
    started = performance.now();
    await page.keyboard.press('g');
    await expect.poll(presented, { timeout: 60_000, intervals: [10] }).toBeGreaterThanOrEqual(39.9);
    const seekMs = performance.now() - started;
    const before = await presented();
    await page.waitForTimeout(10_000);
    const played = (await presented()) - before;
    rows.push(`| ${entry.label} | ${openMs.toFixed(0)} ms | ${seekMs.toFixed(0)} ms | ${played.toFixed(1)} s |`);
    await page.keyboard.press('q');
    await expect(page.getByRole('button', { name: 'Open a video…' })).toBeVisible();
  }
  console.log(`1080p23.976, upscaling off, SwiftShader Chromium on this machine\n${rows.join('\n')}`);
});
