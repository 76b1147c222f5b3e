import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mediaProbeSchema } from '../../../electron/common/media';
import { KireiError } from '../../../electron/common/errors';
import { checkPng } from '../../../electron/node/files/pngCheck';
import { decideRange } from '../../../electron/node/media/range';
import { parseProbe } from '../../../electron/node/media/probeParse';
import { check } from './fuzzConfig';

// A valid 1×1 PNG, to mutate.
const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Range headers: well-formed ones, near misses, and noise. */
const rangeHeader = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.array(fc.tuple(fc.option(fc.nat({ max: 20_000 })), fc.option(fc.nat({ max: 20_000 }))), { minLength: 1, maxLength: 8 }).map((specs) => `bytes=${specs.map(([first, last]) => `${first ?? ''}-${last ?? ''}`).join(',')}`),
  fc.string({ unit: fc.constantFrom(...'bytes=0123456789-, '.split('')), maxLength: 60 }),
);

/** ffprobe's JSON as a hostile file could make it: any shape, any values. */
const probeJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({
    format: fc.dictionary(fc.constantFrom('format_name', 'duration', 'size', 'bit_rate'), fc.jsonValue({ maxDepth: 1 })),
    streams: fc.array(fc.dictionary(fc.constantFrom('index', 'codec_type', 'codec_name', 'width', 'height', 'avg_frame_rate', 'channels', 'tags', 'disposition', 'pix_fmt', 'bits_per_raw_sample'), fc.oneof(fc.constantFrom('video', 'audio', 'subtitle', 'attachment', '0/0', '24000/1001', 'N/A'), fc.jsonValue({ maxDepth: 2 }))), { maxLength: 12 }),
    chapters: fc.array(fc.dictionary(fc.constantFrom('start_time', 'end_time', 'tags'), fc.jsonValue({ maxDepth: 2 })), { maxLength: 6 }),
  }),
);

describe('fuzz: what files and requests say', () => {
  it('answers any Range header with the whole file, a range inside it, or 416', async () => {
    await check(
      'Range headers',
      fc.property(rangeHeader, fc.nat({ max: 10_000 }), (header, size) => {
        const decision = decideRange(header, size);
        if (decision.kind !== 'partial') return true;
        return decision.start >= 0 && decision.start <= decision.end && decision.end < size;
      }),
    );
  });

  it('turns any ffprobe output into a probe the contract accepts', async () => {
    await check(
      'probe output',
      fc.property(probeJson, fc.nat({ max: 1e9 }), (printed, size) => mediaProbeSchema.safeParse(parseProbe(printed, size)).success),
    );
  });

  it('refuses any damaged PNG with a plain message, and accepts the intact one', async () => {
    await expect(checkPng(tinyPng, 1, 1)).resolves.toBeUndefined();
    await check(
      'screenshot PNGs',
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: tinyPng.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat({ max: tinyPng.length }), async (flips, cut) => {
        const damaged = Buffer.from(tinyPng.subarray(0, Math.max(cut, 1)));
        for (const [at, mask] of flips) if (at < damaged.length) damaged[at] = (damaged[at] ?? 0) ^ mask;
        if (damaged.equals(tinyPng)) return true;
        try {
          await checkPng(damaged, 1, 1);
          return false;
        } catch (error) {
          return error instanceof KireiError && error.code === 'invalid-request';
        }
      }),
    );
  });
});
