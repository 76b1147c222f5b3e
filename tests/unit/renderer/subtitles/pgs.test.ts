import { describe, expect, it } from 'vitest';
import { decodeObject, eventAt, parsePgs, PgsError, pgsLimitsFor } from '../../../../renderer/subtitles/pgs';
import { encodePgs } from '../../../fixtures/pgs';

/** BT.709 limited-range red and blue, as a Blu-ray palette stores them (Y′, Cr, Cb, alpha). */
const red: [number, number, number, number] = [63, 240, 102, 255];
const blue: [number, number, number, number] = [32, 118, 240, 128];
const track = encodePgs({ width: 1920, height: 1080 }, [
  { start: 1, end: 3, x: 100, y: 900, width: 300, height: 40, colour: red },
  { start: 4.5, end: 6, x: 1500, y: 50, width: 70, height: 20, colour: blue },
]);

describe('PGS subtitles', () => {
  it('reads display sets as events that end when the next set clears them', () => {
    const events = parsePgs(track).events;
    expect(events.map((event) => [event.start, event.end, event.screenWidth, event.screenHeight])).toEqual([
      [1, 3, 1920, 1080],
      [4.5, 6, 1920, 1080],
    ]);
    expect(events[0]?.objects.map(({ x, y, width, height }) => ({ x, y, width, height }))).toEqual([{ x: 100, y: 900, width: 300, height: 40 }]);
  });

  it('finds the event on screen at a time', () => {
    const events = parsePgs(track).events;
    expect(eventAt(events, 0.5)).toBeNull();
    expect(eventAt(events, 1)?.start).toBe(1);
    expect(eventAt(events, 2.99)?.start).toBe(1);
    expect(eventAt(events, 3)).toBeNull();
    expect(eventAt(events, 5)?.start).toBe(4.5);
    expect(eventAt(events, 7)).toBeNull();
  });

  it('decodes runs through the palette, BT.709 for HD', () => {
    const [first, second] = parsePgs(track).events;
    if (!first?.objects[0] || !second?.objects[0]) throw new Error('events missing');
    const pixels = decodeObject(first.objects[0], first.palette);
    expect(pixels.length).toBe(300 * 40 * 4);
    // One white pixel opens each line (a one-byte code), then a long run of red.
    expect([...pixels.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    const inside = [...pixels.subarray((39 * 300 + 299) * 4, (39 * 300 + 300) * 4)];
    expect(inside[0]).toBeGreaterThan(250);
    expect(inside[1]).toBeLessThan(6);
    expect(inside[2]).toBeLessThan(6);
    expect(inside[3]).toBe(255);
    const bluePixel = [...decodeObject(second.objects[0], second.palette).subarray(4, 8)];
    expect(bluePixel[2]).toBeGreaterThan(250);
    expect(bluePixel[0]).toBeLessThan(6);
    expect(bluePixel[3]).toBe(128);
  });

  it('says where a damaged track stops making sense', () => {
    const damaged = Buffer.from(track);
    damaged[0] = 0x51;
    expect(() => parsePgs(damaged)).toThrow(PgsError);
    // The first segment is 32 bytes; the second's header ends at 45 and its payload at 54.
    expect(() => parsePgs(track.subarray(0, 50))).toThrow(/runs past the end/);
    expect(() => parsePgs(track.subarray(0, 40))).toThrow(/ends inside a segment header at byte 32/);
  });

  it('leaves out a picture larger than the video before allocating anything for it, and counts it', () => {
    const huge = encodePgs({ width: 30000, height: 30000 }, [
      { start: 1, end: 2, x: 0, y: 0, width: 30000, height: 2, colour: red },
      { start: 3, end: 4, x: 100, y: 900, width: 300, height: 40, colour: blue },
    ]);
    const read = parsePgs(huge, pgsLimitsFor(1920, 1080));
    expect(read.skippedObjects).toBe(1);
    expect(read.events.map((event) => event.start)).toEqual([3]);
    // A 4K video allows 4K pictures.
    expect(parsePgs(encodePgs({ width: 3840, height: 2160 }, [{ start: 1, end: 2, x: 0, y: 0, width: 3000, height: 2, colour: red }]), pgsLimitsFor(3840, 2160)).skippedObjects).toBe(0);
  });
});
