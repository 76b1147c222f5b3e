import { describe, expect, it } from 'vitest';
import { checkScript, checkScriptInSlices, describeSkipped } from '../../../../../electron/node/subtitles/scriptCheck';

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

  it('gives the same answer in slices, yielding to the event loop between them', async () => {
    const events = Array.from({ length: 25_000 }, (_, index) => (index === 23_456 ? 'Dialogue: 0,later,0:00:02.00,Default,,0,0,0,,x' : 'Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,x'));
    const long = `${script}${events.join('\n')}\n`;
    let turns = 0;
    const counter = setInterval(() => turns++, 0);
    const sliced = await checkScriptInSlices(long);
    clearInterval(counter);
    expect(sliced).toEqual(checkScript(long));
    expect(sliced.skipped.at(-1)).toEqual({ line: 23_456 + 16, reason: 'a start or end time that is not a time' });
    expect(turns).toBeGreaterThan(0);
  });

  it('says nothing about a clean script', () => {
    expect(describeSkipped(checkScript('[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hi'))).toBeNull();
  });
});
