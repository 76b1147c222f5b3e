import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontNamesOf } from '../../../../../electron/node/subtitles/fontNames';
import { analyseScript, checkScript, describeSkipped, describeSkippedFonts } from '../../../../../electron/node/subtitles/scriptCheck';
import { analyseInWorker, defaultWorkerLimits } from '../../../../../electron/node/subtitles/scriptWorker';
import { fontsSection } from '../../../../fixtures/subtitles';

const corpus = path.resolve(import.meta.dirname, '../../../../../../shared/corpus');

const script = `[Script Info]
PlayResX: 1920

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour
Style: Default,Open Sans Semibold,48,&H00FFFFFF
Style: Vertical,@MS Gothic,40,&H00FFFFFF

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Fine, with a comma in the text
Dialogue: 0,0:00:02.00,Default,,0
Dialogue: 0,soon,0:00:04.00,Default,,0,0,0,,Not a time
Comment: 0,0:00:02.00,Default
Dialogue: 0,0:00:05.00,0:00:06.00,Default,,0,0,0,,{\\fnCabin Condensed\\b1}Sign{\\fn@Noto Serif JP}
`;

describe('checkScript', () => {
  it('names the lines libass will skip and keeps the rest', () => {
    const check = checkScript(script);
    expect(check.events).toBe(4);
    expect(check.skipped).toEqual([
      { line: 12, reason: '5 of 10 fields' },
      { line: 13, reason: 'a start or end time that is not a time' },
    ]);
    expect(describeSkipped(check)).toBe('2 malformed subtitle lines were skipped: line 12 (5 of 10 fields), line 13 (a start or end time that is not a time).');
  });

  it('collects the fonts that styles and \\fn tags ask for', () => {
    expect([...checkScript(script).fontNames.values()].sort()).toEqual(['Cabin Condensed', 'MS Gothic', 'Noto Serif JP', 'Open Sans Semibold']);
  });

  it('counts every skipped line and keeps the first hundred', () => {
    const bad = Array.from({ length: 250 }, () => 'Dialogue: 0,later,0:00:02.00,Default,,0,0,0,,x').join('\n');
    const check = checkScript(`${script}${bad}\n`);
    expect(check.skippedCount).toBe(252);
    expect(check.skipped).toHaveLength(100);
    expect(describeSkipped(check)).toMatch(/^252 malformed subtitle lines were skipped: line 12 .* and 249 more\.$/);
  });

  it('says nothing about a clean script', () => {
    expect(describeSkipped(checkScript('[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hi'))).toBeNull();
  });
});

describe('embedded fonts', () => {
  const cabin = new Uint8Array(readFileSync(path.join(corpus, 'fonts', 'CabinCondensed-Regular.ttf')));
  const arimo = new Uint8Array(readFileSync(path.join(corpus, 'fonts', 'Arimo-Regular.ttf')));

  it('decodes the [Fonts] section and takes it out of the script the player receives', () => {
    const withFonts = `${script}\n${fontsSection([['cabin_0.ttf', cabin], ['arimo_0.ttf', arimo]])}`;
    const analysis = analyseScript(new TextEncoder().encode(withFonts), { fontBytes: 10e6, totalFontBytes: 20e6, fonts: 10 });
    expect(analysis.fonts.map((font) => Buffer.from(font).equals(Buffer.from(font.byteLength === cabin.byteLength ? cabin : arimo)))).toEqual([true, true]);
    expect(fontNamesOf(analysis.fonts[0] ?? new Uint8Array())).toContain('cabin condensed');
    expect(analysis.content).not.toContain('[Fonts]');
    expect(analysis.content).toContain('{\\fnCabin Condensed\\b1}Sign');
    expect(analysis.events).toBe(4);
  });

  it('keeps the events after a [Fonts] section in the middle of the script', () => {
    const middle = `[Script Info]\n${fontsSection([['cabin_0.ttf', cabin]])}[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,After`;
    const analysis = checkScript(middle);
    expect(analysis.fonts).toHaveLength(1);
    expect(analysis.content).toBe('[Script Info]\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,After');
  });

  it('leaves out fonts past the limits and says which', () => {
    const section = fontsSection([['big.ttf', arimo], ['cabin_0.ttf', cabin], ['third.ttf', cabin]]);
    const analysis = analyseScript(new TextEncoder().encode(`${script}\n${section}`), { fontBytes: cabin.byteLength + 10, totalFontBytes: 10e6, fonts: 1 });
    expect(analysis.fonts).toHaveLength(1);
    expect(analysis.skippedFonts.map((font) => font.name)).toEqual(['big.ttf', 'third.ttf']);
    expect(describeSkippedFonts(analysis.skippedFonts)).toMatch(/^2 fonts inside the subtitles were left out: big\.ttf \(larger than 0 MB\), third\.ttf \(more than 1 fonts\)/);
  });

  it('reads a script in a worker, leaving this thread free, and gives the fonts back', async () => {
    const events = Array.from({ length: 200_000 }, () => 'Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,x').join('\n');
    const bytes = new TextEncoder().encode(`${script}${events}\n${fontsSection([['cabin_0.ttf', cabin]])}`);
    let turns = 0;
    const counter = setInterval(() => turns++, 0);
    const analysis = await analyseInWorker(bytes);
    clearInterval(counter);
    expect(analysis.events).toBe(200_004);
    expect(analysis.fonts[0]?.byteLength).toBe(cabin.byteLength);
    expect(turns).toBeGreaterThan(0);
  });

  it('stops a worker that runs past its time, and this process goes on', async () => {
    const long = new TextEncoder().encode(`${script}${'Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,x\n'.repeat(400_000)}`);
    await expect(analyseInWorker(long, { ...defaultWorkerLimits, timeoutMs: 1 })).rejects.toMatchObject({ code: 'unsupported', message: expect.stringContaining('took more than 0 seconds') as unknown });
    expect(checkScript(script).events).toBe(4);
  });
});
