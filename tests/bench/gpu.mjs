// npm run bench:gpu -- --browser <chromium> [--query 'frames=300&sizes=720,1080'] [--result file.json]
// npm run bench:playback -- (the same, with --page playback.html)
// Serves dist-bench, opens the page in that browser headless (GPU flags on), waits for it to POST
// its result, prints the table, and optionally saves the JSON. `--table file.json` only prints.
import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { formatPlaybackTable, prepareClips } from './playbackClips.mjs';
import { formatTable, prepareCorpus } from './table.mjs';

const argumentsList = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argumentsList.indexOf(`--${name}`);
  return index >= 0 ? argumentsList[index + 1] : fallback;
};

const format = (result) => (result?.info?.kind === 'playback' ? formatPlaybackTable(result) : formatTable(result));
const tableOnly = option('table');
if (tableOnly) {
  console.log(format(JSON.parse(readFileSync(tableOnly, 'utf8'))));
  process.exit(0);
}

const browser = option('browser', process.env.KIREI_CHROMIUM ?? '/usr/bin/chromium');
const page = option('page', 'index.html');
const corpus = path.resolve('..', 'shared', 'corpus');
if (page === 'playback.html') prepareClips(path.resolve('dist-bench'), corpus);
else prepareCorpus(path.resolve('dist-bench'), corpus);
const query = option('query', '');
const timeoutSeconds = Number(option('timeout', '1800'));
const root = path.resolve('dist-bench');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm', '.mp4': 'video/mp4' };

let finish;
const done = new Promise((resolve) => (finish = resolve));
const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cache-Control': 'no-store' };
  if (request.method === 'POST') {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      response.writeHead(204, headers).end();
      const last = url.pathname.split('/').pop();
      if (last === 'log') console.log(`page: ${body}`);
      if (last === 'result') finish(JSON.parse(body));
    });
    return;
  }
  const file = path.resolve(root, decodeURIComponent(url.pathname.slice(1)) || 'index.html');
  if (!file.startsWith(root + path.sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) return void response.writeHead(404, headers).end();
  response.writeHead(200, { ...headers, 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kirei-bench-'));
  const flags = [
    '--headless', `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update',
    '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--enable-gpu', '--ignore-gpu-blocklist',
    '--enable-unsafe-webgpu', '--enable-features=Vulkan,WebGPU', '--use-angle=vulkan', '--enable-webgpu-developer-features',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ...(option('flags', '') ? option('flags', '').split(' ') : []),
    `http://127.0.0.1:${port}/${page}?${query}`,
  ];
  const child = spawn(browser, flags, { stdio: ['ignore', 'ignore', 'pipe'] });
  // The browser's own complaints (a GPU process that failed to start) explain a page that never answers.
  let browserLog = [];
  child.stderr.on('data', (chunk) => (browserLog = [...browserLog, ...String(chunk).split('\n').filter((line) => line && !line.includes('dbus'))].slice(-12)));
  const timer = setTimeout(() => finish(null), timeoutSeconds * 1000);
  void done.then((result) => {
    clearTimeout(timer);
    child.kill('SIGKILL');
    server.close();
    // The browser may still be writing its profile for a moment after the kill.
    setTimeout(() => rmSync(profile, { recursive: true, force: true, maxRetries: 5 }), 500);
    if (!result) {
      console.error(`The page posted no result before the timeout. The browser's last words:\n${browserLog.join('\n')}`);
      process.exit(1);
    }
    const output = option('result');
    if (output) writeFileSync(output, JSON.stringify(result, null, 1));
    console.log(format(result));
    // A page that refused its adapter (a CPU fallback) or failed reports no figures worth keeping.
    setTimeout(() => process.exit(result.info?.error ? 1 : 0), 1000);
  });
});
