import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { it } from 'vitest';
import type { MediaProbe } from '../../../electron/common/media';
import { checkScript } from '../../../electron/node/subtitles/scriptCheck';
import { SubtitleService } from '../../../electron/node/subtitles/subtitleService';
import { SystemFonts } from '../../../electron/node/subtitles/systemFonts';
import { startStaticServer } from '../../e2e/harness/staticServer';

const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
const corpus = path.resolve(repositoryRoot, '../shared/corpus');

/** A typesetting-heavy script of about `megabytes` MB: signs with \pos, \t, \blur and karaoke, as a long episode's script has. */
function heavyScript(megabytes: number): string {
  const header = scriptHeader();
  const lines: string[] = [header];
  let size = header.length;
  for (let index = 0; size < megabytes * 1024 * 1024; index++) {
    const start = (index % 1400) + (index % 7) * 0.1;
    const time = (seconds: number) => `0:${String(Math.floor(seconds / 60)).padStart(2, '0')}:${(seconds % 60).toFixed(2).padStart(5, '0')}`;
    const line = `Dialogue: 0,${time(start)},${time(start + 2)},Default,,0,0,0,,{\\pos(${(index * 37) % 1920},${(index * 53) % 1080})\\blur2\\t(0,500,\\fscx120)\\k20}Sign ${index}{\\k30} with karaoke{\\k25} and a long tail of text to read\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

function scriptHeader(): string {
  return `[Script Info]\nScriptType: v4.00+\nPlayResX: 1920\nPlayResY: 1080\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\nStyle: Default,Arimo,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,0,2,10,10,10,1\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n`;
}

it('a 50 MB script: main-process load, then the page while libass reads it', async () => {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-subtitle-bench-'));
  try {
    const script = heavyScript(50);
    const video = path.join(folder, 'Heavy - 01.mkv');
    await writeFile(video, '');
    await writeFile(path.join(folder, 'Heavy - 01.ass'), script);
    const megabytes = (Buffer.byteLength(script) / 1024 / 1024).toFixed(1);

    let started = performance.now();
    const check = checkScript(script);
    const checkMs = performance.now() - started;
    const service = new SubtitleService({ ffmpeg: () => Promise.resolve(null), systemFonts: new SystemFonts([path.join(corpus, 'fonts')]) });
    const probe: MediaProbe = { container: 'matroska', durationSeconds: 1440, sizeBytes: 0, bitRate: null, video: null, audio: [], subtitles: [], attachments: [], chapters: [], warnings: [] };
    started = performance.now();
    const loaded = await service.load(video, probe, 'sidecar:0');
    const loadMs = performance.now() - started;
    const reply = JSON.stringify(loaded).length / 1024 / 1024;
    console.log(`script: ${megabytes} MB, ${check.events} events; checking it ${checkMs.toFixed(0)} ms; main-process load (read, check, fonts) ${loadMs.toFixed(0)} ms; IPC reply ${reply.toFixed(1)} MB`);

    // The page: how long until the first frame, and the longest the page's main thread was blocked meanwhile.
    await writeFile(path.join(folder, 'heavy.ass'), script);
    const server = await startStaticServer({ '/corpus/': corpus, '/bench/': folder, '/': path.join(repositoryRoot, 'dist-bench') });
    const browser = await chromium.launch({ executablePath: process.env['KIREI_CHROMIUM'] ?? '/usr/bin/chromium', args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(`${server.origin}/subtitles.html`);
      await page.waitForFunction(() => document.title === 'subtitle lab ready');
      const figures = await page.evaluate(async () => {
        let longest = 0;
        let last = performance.now();
        const monitor = setInterval(() => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
        }, 10);
        const begin = performance.now();
        await window.kireiSubtitleLab.render({ script: '/bench/heavy.ass', fonts: ['/corpus/fonts/Arimo-Regular.ttf'], width: 1920, height: 1080, timeMs: 700_000 });
        const firstFrame = performance.now() - begin;
        const seekBegin = performance.now();
        await window.kireiSubtitleLab.render({ script: '/bench/heavy.ass', fonts: [], width: 1920, height: 1080, timeMs: 1_200_000 });
        const seek = performance.now() - seekBegin;
        clearInterval(monitor);
        return { firstFrame, seek, longest };
      });
      console.log(
        `page: first frame ${figures.firstFrame.toFixed(0)} ms after asking (fetch, hand-over to the worker, libass parse, 500 ms settle), a frame 500 s later ${figures.seek.toFixed(0)} ms; longest main-thread stall meanwhile ${figures.longest.toFixed(0)} ms (a 10 ms timer's gap)`,
      );
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
