// The clips bench:playback plays: the corpus' real anime clips, and a 60 s 1080p 23.976 fps H.264
// clip made here from the corpus' 1080p anime frames with camera moves as animation has them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const frameRate = '24000/1001';

/**
 * Six ten-second shots, each a cut from the one before: a pan on twos, drawings held on threes
 * with a new position every third frame, a slow pan of one pixel per frame, a long-held still, a
 * vertical pan on twos, and a zoom held on threes. Each shot is a 2560×1440 scale of a corpus
 * frame, cropped to 1080p where its expression says.
 */
const shots = [
  { image: 'anime4k_Quin_1080p_Corrected.png', x: '6*floor(n/2)', y: '180' },
  { image: 'anime4k_Fate_1080p_Corrected.png', x: '320+40*mod(floor(n/3),4)', y: '200' },
  { image: 'anime4k_Slime_1080p.jpg', x: 'n', y: '100' },
  { image: 'anime4kmetal_original_1080p.png', x: '300', y: '180' },
  { image: 'anime4k_Quin_1080p_Corrected.png', x: '400', y: '3*floor(n/2)' },
  { image: 'anime4k_Fate_1080p_Corrected.png', x: '640-2*floor(n/3)', y: '360-floor(n/3)' },
];

export const generatedClip = 'generated-1080p-60s-v1.mp4';
/** The script the page draws over every clip (a 90 s typeset opening, 5743 lines), and its fonts. */
export const subtitleScript = 'railgun_op.ass';
const subtitleFonts = ['SourceSansPro-SemiBold.ttf', 'CabinCondensed-Regular.ttf', 'Arimo-Regular.ttf', 'Arimo-Bold.ttf'];
export const corpusClips = ['anime4k_web_input_popteamepic.mp4', 'realesrgan_onepiece_demo.mp4'];

/**
 * Writes the clips into `folder/clips` (the generated one only once), the subtitle script and its
 * fonts into `folder/subtitles`, and returns the clips' names.
 */
export function prepareClips(folder, corpus) {
  const clips = path.join(folder, 'clips');
  mkdirSync(clips, { recursive: true });
  const subtitles = path.join(folder, 'subtitles');
  mkdirSync(subtitles, { recursive: true });
  copyFileSync(path.join(corpus, 'subs', subtitleScript), path.join(subtitles, subtitleScript));
  for (const font of subtitleFonts) copyFileSync(path.join(corpus, 'fonts', font), path.join(subtitles, font));
  writeFileSync(path.join(subtitles, 'list.json'), JSON.stringify({ script: subtitleScript, fonts: subtitleFonts }));
  for (const name of corpusClips) if (!existsSync(path.join(clips, name))) copyFileSync(path.join(corpus, 'video', name), path.join(clips, name));
  const generated = path.join(clips, generatedClip);
  if (!existsSync(generated)) {
    const inputs = shots.flatMap((shot) => ['-loop', '1', '-framerate', frameRate, '-t', '10', '-i', path.join(corpus, 'frames', shot.image)]);
    const chains = shots.map((shot, index) => `[${index}:v]scale=2560:1440,crop=1920:1080:x='${shot.x}':y='${shot.y}',setsar=1,format=yuv420p[s${index}]`);
    const filter = `${chains.join(';')};${shots.map((_, index) => `[s${index}]`).join('')}concat=n=${shots.length}:v=1:a=0[out]`;
    execFileSync('ffmpeg', [
      '-v', 'error', '-y', ...inputs, '-filter_complex', filter, '-map', '[out]', '-r', frameRate,
      '-c:v', 'libx264', '-preset', 'medium', '-crf', '22', '-g', '240', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', generated,
    ]);
  }
  return [generatedClip, ...corpusClips];
}

// Markdown table of a bench:playback result, with anime4k-webgpu's figures on the same clips in the same run.
const fixed = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

export function formatPlaybackTable(result) {
  const rows = result.rows ?? [];
  const info = result.info ?? {};
  const peer = (clip) => rows.find((row) => row.backend === 'anime4k-webgpu' && row.clip === clip);
  const lines = [
    `Canvas ${info.canvas ?? '—'}; WebGPU: ${info['webgpu renderer'] ?? info['webgpu error'] ?? '—'}; WebGL2: ${info['webgl2 renderer'] ?? info['webgl2 error'] ?? '—'}`,
    '',
    '| backend | run | clip | presented | dropped | skipped by GPU | reused | computed frame ms (median / p95 / p99) | ms per presented frame | vs anime4k-webgpu | first frame ms (1st / 2nd open) |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const other = peer(row.clip);
    const ratio = other && row.backend !== 'anime4k-webgpu' ? `${fixed(other.computedMs.median / row.computedMs.median)}×` : '';
    const dropped = row.dropped + row.decoderDropped > 0 ? `${row.dropped} (+${row.decoderDropped} decoder)` : '0';
    lines.push(
      `| ${row.backend} | ${row.run} | ${row.clip} | ${row.presented} | ${dropped} | ${row.skippedByGpu} | ${row.reused} | ${fixed(row.computedMs.median)} / ${fixed(row.computedMs.p95)} / ${fixed(row.computedMs.p99)} | ${fixed(row.meanPerPresentedMs)} | ${ratio} | ${fixed(row.firstFrameMs, 0)} / ${row.secondOpenFirstFrameMs === null ? '—' : fixed(row.secondOpenFirstFrameMs, 0)} |`,
    );
  }
  const withSubtitles = rows.filter((row) => row.subtitles);
  if (withSubtitles.length > 0) {
    lines.push('', `| subtitles (${withSubtitles[0].subtitles.script}) | run | clip | frames drawn | latency ms (median / p95 / p99) | later than a frame |`, '| --- | --- | --- | ---: | ---: | ---: |');
    for (const row of withSubtitles) {
      const figures = row.subtitles;
      lines.push(`| ${row.backend} | ${row.run} | ${row.clip} | ${figures.answered} of ${figures.requested} | ${fixed(figures.latencyMs.median, 1)} / ${fixed(figures.latencyMs.p95, 1)} / ${fixed(figures.latencyMs.p99, 1)} | ${figures.late} |`);
    }
  }
  const audits = result.audits ?? [];
  if (audits.length > 0) {
    lines.push('', '| reuse audit (Mode A HQ) | frames audited | reused | worst reused PSNR dB | median | below 45 dB |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const audit of audits) lines.push(`| ${audit.clip} | ${audit.frames} of ${audit.presented ?? '—'} | ${audit.reused} (${fixed((audit.reused / Math.max(1, audit.frames)) * 100, 0)} %) | ${fixed(audit.worstPsnr)} | ${fixed(audit.medianPsnr)} | ${audit.below45} |`);
  }
  return lines.join('\n');
}
