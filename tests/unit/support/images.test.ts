import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readImage, writePng } from '../../support/images';

const run = promisify(execFile);

describe('reading test images', () => {
  it('reads an 8-bit PNG as exactly its bytes over 255', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-images-'));
    const file = path.join(folder, 'levels.png');
    // Every level once, as a 256×1 picture: R the level, G its complement, B 239, A opaque.
    const data = new Float32Array(256 * 4);
    for (let level = 0; level < 256; level++) data.set([level / 255, (255 - level) / 255, 239 / 255, 1], level * 4);
    await writePng(file, { width: 256, height: 1, data });
    const read = await readImage(file);
    expect(read).toMatchObject({ width: 256, height: 1 });
    expect(Array.from(read.data)).toEqual(Array.from(data));
  });

  it('keeps the 16 bits of a 16-bit PNG', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'kirei-images-'));
    const file = path.join(folder, 'deep.png');
    const words = Buffer.alloc(2 * 4 * 2);
    [1, 2, 3, 65535, 65534, 0, 32768, 65535].forEach((value, index) => words.writeUInt16LE(value, index * 2));
    const child = run('ffmpeg', ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgba64le', '-s', '2x1', '-i', '-', file]);
    child.child.stdin?.end(words);
    await child;
    const read = await readImage(file);
    expect(Array.from(read.data).map((value) => Math.round(value * 65535))).toEqual([1, 2, 3, 65535, 65534, 0, 32768, 65535]);
  });
});
