import { execFile, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ChildProcesses } from '../../../electron/node/childProcesses';
import { createLibrary } from '../../../electron/node/library/createLibrary';
import { scanFolder } from '../../../electron/node/library/scanner';
import { MediaRegistry } from '../../../electron/node/media/registry';
import { RecentFiles } from '../../../electron/node/store/recentFiles';
import { SettingsStore } from '../../../electron/node/store/settingsStore';
import { SubtitleService } from '../../../electron/node/subtitles/subtitleService';
import { SystemFonts } from '../../../electron/node/subtitles/systemFonts';

const run = promisify(execFile);
const repositoryRoot = path.resolve(import.meta.dirname, '../../..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

/** A stand-in for ffmpeg or ffprobe that never finishes: what a hostile file can make the real one do. */
async function stuckProgram(folder: string): Promise<string> {
  const program = path.join(folder, 'stuck-tool');
  await writeFile(program, '#!/bin/sh\nexec sleep 120\n', { mode: 0o755 });
  return program;
}

describe.skipIf(process.platform === 'win32')('folders that fight back', () => {
  it('stays inside the library folder: no link out, no /etc/passwd as an episode, loops walked once', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'kirei-outside-'));
    await writeFile(path.join(outside, 'Elsewhere - 01.mkv'), 'x');
    const parent = await mkdtemp(path.join(os.tmpdir(), 'kirei-parent-'));
    const root = path.join(parent, 'Library');
    await mkdir(path.join(root, 'Show'), { recursive: true });
    await writeFile(path.join(parent, 'Beside the library - 01.mkv'), 'x');
    await writeFile(path.join(root, 'Show', 'Show - 01.mkv'), 'x');
    await symlink('..', path.join(root, 'up'));
    await symlink(outside, path.join(root, 'Elsewhere'));
    await symlink('/etc/passwd', path.join(root, 'passwd.mkv'));
    await symlink(root, path.join(root, 'Show', 'loop'));
    await symlink(path.join(root, 'Show', 'Show - 01.mkv'), path.join(root, 'Same episode.mkv'));
    await run('mkfifo', [path.join(root, 'Show', 'Show - 02.mkv')]);

    const result = await scanFolder(root);
    expect(result.files.map((file) => path.relative(root, file.path))).toEqual(['Same episode.mkv', path.join('Show', 'Show - 01.mkv')]);
    expect(result.unreadable).toEqual([{ path: root, reason: expect.stringMatching(/^3 links lead out of the library folder and were not followed \((.+, ){2}.+\); add the folder/) as unknown }]);
  });

  it('starts with defaults when its stores are folders, unreadable or damaged, keeps them aside and says so', async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), 'kirei-stores-'));
    await mkdir(path.join(data, 'library.json'));
    await mkdir(path.join(data, 'settings.json'));
    await writeFile(path.join(data, 'recent.json'), '{"version":1,"data":[{"path":');
    // What a crash in the middle of saving leaves beside them.
    await writeFile(path.join(data, 'settings.json.4242.0.tmp'), '{"half": ');
    await writeFile(path.join(data, 'library.json.4242.3.tmp'), '');

    const parts = await createLibrary({ dataFolder: data, registry: new MediaRegistry(), tools: () => Promise.resolve(null), mediaUrl: (id) => id, onChange: () => undefined, checks: false });
    const settings = new SettingsStore(path.join(data, 'settings.json'));
    const recent = new RecentFiles(path.join(data, 'recent.json'));
    const messages = [parts.recovered, await settings.load(), await recent.load()];
    expect(messages[0]).toMatch(/^The library file was damaged \(a folder is in its place\) and was rebuilt: 0 folders .* kept as library\.json\.unreadable-\d+\.$/);
    expect(messages[1]).toMatch(/^Your settings could not be read \(a folder is in its place\) and are back to the defaults\. The old file was kept as settings\.json\.unreadable-\d+\.$/);
    expect(messages[2]).toMatch(/^The list of recent files could not be read \(it is not valid JSON\) and starts empty\./);
    expect(settings.get().upscaling.governor).toBe(true);
    // Saving works again, and nothing half-written is left.
    await settings.update({ compare: { enabled: true, position: 0.3, left: null } });
    await parts.library.addFolder(data);
    const names = await readdir(data);
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(await readFile(path.join(data, 'settings.json'), 'utf8'))).toMatchObject({ data: { compare: { position: 0.3 } } });
    parts.library.dispose();
  });

  it.skipIf(process.getuid?.() === 0)('starts with defaults when a store cannot be read at all', async () => {
    const data = await mkdtemp(path.join(os.tmpdir(), 'kirei-locked-'));
    await writeFile(path.join(data, 'settings.json'), '{}');
    await chmod(path.join(data, 'settings.json'), 0o000);
    const settings = new SettingsStore(path.join(data, 'settings.json'));
    expect(await settings.load()).toMatch(/not allowed to read it/);
  });

  it('stops the ffmpeg working on a file when it closes, and on a folder when it leaves the library', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-processes-'));
    const program = await stuckProgram(folder);
    const processes = new ChildProcesses();
    const video = path.join(folder, 'Show', 'Show - 01.mkv');
    await mkdir(path.dirname(video));
    await writeFile(video, 'not really a video, but the stuck tool never says so');
    await writeFile(path.join(folder, 'Show', 'Show - 01.en.srt'), '1\n00:00:01,000 --> 00:00:02,000\nHi\n');
    const service = new SubtitleService({ ffmpeg: () => Promise.resolve(program), systemFonts: new SystemFonts([]), processes });
    const probe = { container: 'matroska', durationSeconds: 1, sizeBytes: 1, bitRate: null, video: null, audio: [], subtitles: [], attachments: [], chapters: [], warnings: [] };
    await service.list(video, probe);
    const loading = service.load(video, probe, 'sidecar:0');
    expect(await until(() => processes.processIds(video).length === 1, 5000)).toBe(true);
    const [pid] = processes.processIds(video);
    service.forget(video);
    await expect(loading).rejects.toMatchObject({ message: 'Reading the subtitles was stopped.' });
    expect(await until(() => !alive(pid ?? 0), 2000)).toBe(true);

    // Background checks of a library folder stop with the folder.
    const data = await mkdtemp(path.join(os.tmpdir(), 'kirei-data-'));
    const parts = await createLibrary({
      dataFolder: data,
      registry: new MediaRegistry(),
      tools: () => Promise.resolve({ ffmpeg: program, ffprobe: program, source: 'setting' }),
      mediaUrl: (id) => id,
      onChange: () => undefined,
      processes,
    });
    await parts.library.addFolder(path.join(folder, 'Show'));
    expect(await until(() => processes.processIds(video).length === 1, 5000)).toBe(true);
    const [checking] = processes.processIds(video);
    const [added] = parts.library.snapshot().folders;
    await parts.library.removeFolder(added?.id ?? '');
    expect(await until(() => !alive(checking ?? 0), 2000)).toBe(true);
    expect(processes.processIds()).toEqual([]);
    parts.library.dispose();
  });

  it.runIf(process.platform === 'linux')('never leaves a process behind when the main process is killed', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-orphans-'));
    const program = await stuckProgram(folder);
    // The real module, bundled as the app bundles it, in a process of its own that is then killed.
    const bundled = path.join(folder, 'childProcesses.cjs');
    await build({ entryPoints: [path.join(repositoryRoot, 'electron/node/childProcesses.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundled, logLevel: 'warning' });
    const parent = spawn(process.execPath, ['-e', `const { toolProcesses } = require(${JSON.stringify(bundled)}); const child = toolProcesses.start(${JSON.stringify(program)}, [], { file: '/x.mkv', stdio: 'ignore' }); child.on('spawn', () => console.log(child.pid)); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve) => parent.stdout.once('data', (text: Buffer) => resolve(Number(text.toString().trim()))));
    expect(alive(pid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await until(() => !alive(pid), 3000)).toBe(true);
  });

  it('starts every program through ChildProcesses: nothing else in the app uses child_process', async () => {
    const sources: string[] = [];
    const walk = async (folder: string) => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (/\.tsx?$/.test(entry.name)) sources.push(full);
      }
    };
    await walk(path.join(repositoryRoot, 'electron'));
    const starting = [];
    for (const file of sources) {
      // Types may come from there; anything that runs a program may not.
      if (/^import (?!type )[^;]*from ['"](node:)?child_process['"]/m.test(await readFile(file, 'utf8'))) starting.push(path.relative(repositoryRoot, file));
    }
    expect(starting).toEqual([path.join('electron', 'node', 'childProcesses.ts')]);
  });
});
