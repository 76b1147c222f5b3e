import { describe, expect, it } from 'vitest';
import { randomOf, readsTime } from '../../../../../renderer/upscale/userShaders/frameValues';

describe("mpv's frame and random", () => {
  it('gives each pass of each frame its own number in [0, 1), the same again for the same frame and pass', () => {
    const values = new Set<number>();
    for (let frame = 0; frame < 200; frame++) {
      for (let pass = 0; pass < 5; pass++) {
        const value = randomOf(frame, pass);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThan(1);
        expect(randomOf(frame, pass)).toBe(value);
        values.add(value);
      }
    }
    expect(values.size).toBe(1000);
    // Spread over the interval, not bunched by a counter's pattern.
    const mean = [...values].reduce((sum, value) => sum + value, 0) / values.size;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    const lowHalf = [...values].filter((value) => value < 0.5).length;
    expect(Math.abs(lowHalf - 500)).toBeLessThan(60);
  });

  it('tells a shader that reads them from one that does not', () => {
    expect(readsTime('vec4 hook() { return HOOKED_tex(HOOKED_pos) + random * 0.1; }')).toBe(true);
    expect(readsTime('float n = float(frame % 4);')).toBe(true);
    expect(readsTime('vec4 hook() { vec4 framed = HOOKED_texOff(0); return framed; } // randomly')).toBe(false);
  });
});
