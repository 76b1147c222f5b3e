import fc from 'fast-check';
import { describe, it } from 'vitest';
import { analyseScript } from '../../../electron/node/subtitles/scriptCheck';
import { decodeObject, parsePgs, PgsError, pgsLimitsFor } from '../../../renderer/subtitles/pgs';
import { fontsSection } from '../../fixtures/subtitles';
import { encodePgs } from '../../fixtures/pgs';
import { check } from './fuzzConfig';

const limits = { fontBytes: 4096, totalFontBytes: 8192, fonts: 4 };

/** Lines of an ASS script: real section names and keys mixed with noise. */
const scriptLine = fc.oneof(
  fc.constantFrom('[Script Info]', '[V4+ Styles]', '[Events]', '[Fonts]', '[Graphics]', 'Format: Name, Fontname, Fontsize', 'Style: Default,Arial,20', 'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text', 'Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,{\\fnX}Hi', 'fontname: a.ttf', ''),
  fc.string({ maxLength: 120 }),
  fc.string({ unit: fc.constantFrom(...'!"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`'.split('')), maxLength: 80 }),
);

describe('fuzz: subtitles', () => {
  it('reads any script, keeps its limits, and never passes a [Fonts] section on', async () => {
    await check(
      'ASS scripts',
      fc.property(fc.array(scriptLine, { maxLength: 60 }), fc.constantFrom('\n', '\r\n'), (lines, newline) => {
        const analysis = analyseScript(new TextEncoder().encode(lines.join(newline)), limits);
        const total = analysis.fonts.reduce((sum, font) => sum + font.byteLength, 0);
        return (
          analysis.fonts.length <= limits.fonts &&
          analysis.fonts.every((font) => font.byteLength <= limits.fontBytes) &&
          total <= limits.totalFontBytes &&
          !/^\s*\[fonts\]\s*$/im.test(analysis.content) &&
          analysis.skipped.length <= analysis.skippedCount &&
          analysis.skippedCount <= analysis.events
        );
      }),
    );
  });

  it('gives back exactly the font bytes a [Fonts] section carries', async () => {
    await check(
      '[Fonts] round trip',
      fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 1500 }), { minLength: 1, maxLength: 4 }), (fonts) => {
        const section = fontsSection(fonts.map((bytes, index) => [`font_${index}.ttf`, bytes]));
        const analysis = analyseScript(new TextEncoder().encode(`[Script Info]\n${section}`), { fontBytes: 4096, totalFontBytes: 1e6, fonts: 10 });
        return analysis.fonts.length === fonts.length && analysis.fonts.every((font, index) => Buffer.from(font).equals(Buffer.from(fonts[index] ?? [])));
      }),
    );
  });

  it('reads any PGS track or says where it breaks, and never makes a picture larger than the video', async () => {
    const real = encodePgs({ width: 1920, height: 1080 }, [{ start: 1, end: 2, x: 10, y: 10, width: 40, height: 6, colour: [63, 240, 102, 255] }]);
    await check(
      'PGS tracks',
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.array(fc.tuple(fc.nat({ max: real.length - 1 }), fc.nat({ max: 255 })), { maxLength: 6 }).map((edits) => {
        const bytes = Uint8Array.from(real);
        for (const [at, value] of edits) bytes[at] = value;
        return bytes;
      })), (bytes) => {
        const limitsForVideo = pgsLimitsFor(1280, 720);
        try {
          const { events } = parsePgs(bytes, limitsForVideo);
          return events.every((event) => event.objects.every((object) => object.width <= limitsForVideo.width && object.height <= limitsForVideo.height && decodeObject(object, event.palette).length === object.width * object.height * 4));
        } catch (error) {
          return error instanceof PgsError;
        }
      }),
    );
  });
});
