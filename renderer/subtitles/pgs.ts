/**
 * Blu-ray bitmap subtitles (HDMV PGS, as ffmpeg writes a track out with `-f sup`): display sets
 * of segments, each "PG", presentation time (90 kHz), decode time, type, length, payload.
 * Object and palette definitions last for an epoch, so later display sets may only refer to them.
 */

const segmentTypes = { palette: 0x14, object: 0x15, composition: 0x16, window: 0x17, end: 0x80 } as const;

export interface PgsObject {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Run-length coded palette indexes, line by line. */
  data: Uint8Array;
}

export interface PgsEvent {
  start: number;
  /** When the next display set replaces this one; Infinity for the last. */
  end: number;
  /** The video size the positions are in. */
  screenWidth: number;
  screenHeight: number;
  objects: PgsObject[];
  /** 256 colours as straight RGBA, packed as an ImageData holds them. */
  palette: Uint8ClampedArray;
}

interface ObjectDefinition {
  width: number;
  height: number;
  /** An object larger than one segment continues in the next ones. */
  chunks: Uint8Array[];
}

export class PgsError extends Error {}

/** The largest picture a PGS object may be: the video's size, and never less than a Blu-ray's 1920×1080. */
export interface PgsLimits {
  width: number;
  height: number;
}

export function pgsLimitsFor(videoWidth: number, videoHeight: number): PgsLimits {
  return { width: Math.max(1920, videoWidth), height: Math.max(1080, videoHeight) };
}

export interface PgsTrack {
  events: PgsEvent[];
  /** Objects larger than the limits, left out (a real disc never has one). */
  skippedObjects: number;
}

/**
 * Reads every display set; one that refers to objects it never defined is skipped, not fatal.
 * An object larger than the video is left out before anything is allocated for it.
 */
export function parsePgs(bytes: Uint8Array, limits: PgsLimits = pgsLimitsFor(0, 0)): PgsTrack {
  let skippedObjects = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const events: PgsEvent[] = [];
  const palettes = new Map<number, Uint8ClampedArray>();
  const objects = new Map<number, ObjectDefinition>();
  let composition: { time: number; width: number; height: number; paletteId: number; placed: { id: number; x: number; y: number }[] } | null = null;
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 13 > bytes.length) throw new PgsError(`the track ends inside a segment header at byte ${offset}`);
    if (bytes[offset] !== 0x50 || bytes[offset + 1] !== 0x47) throw new PgsError(`not a PGS segment at byte ${offset}`);
    const time = view.getUint32(offset + 2) / 90_000;
    const type = bytes[offset + 10];
    const length = view.getUint16(offset + 11);
    const start = offset + 13;
    if (start + length > bytes.length) throw new PgsError(`a segment at byte ${offset} runs past the end of the track`);
    const payload = bytes.subarray(start, start + length);
    const data = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    offset = start + length;

    if (type === segmentTypes.composition && length >= 11) {
      const state = payload[7] ?? 0;
      // An epoch start forgets what the last epoch defined.
      if (state & 0x80) {
        palettes.clear();
        objects.clear();
      }
      const count = payload[10] ?? 0;
      const placed: { id: number; x: number; y: number }[] = [];
      let position = 11;
      for (let index = 0; index < count && position + 8 <= length; index++) {
        const cropped = (payload[position + 3] ?? 0) & 0x80;
        placed.push({ id: data.getUint16(position), x: data.getUint16(position + 4), y: data.getUint16(position + 6) });
        position += cropped ? 16 : 8;
      }
      composition = { time, width: data.getUint16(0), height: data.getUint16(2), paletteId: payload[9] ?? 0, placed };
    } else if (type === segmentTypes.palette && length >= 2) {
      const id = payload[0] ?? 0;
      const palette = palettes.get(id) ?? new Uint8ClampedArray(256 * 4);
      for (let position = 2; position + 5 <= length; position += 5) {
        const entry = payload[position] ?? 0;
        const [red, green, blue] = toRgb(payload[position + 1] ?? 16, payload[position + 3] ?? 128, payload[position + 2] ?? 128, composition?.height ?? 1080);
        palette.set([red, green, blue, payload[position + 4] ?? 0], entry * 4);
      }
      palettes.set(id, palette);
    } else if (type === segmentTypes.object && length >= 4) {
      const id = data.getUint16(0);
      const sequence = payload[3] ?? 0;
      if (sequence & 0x80 && length >= 11) {
        const width = data.getUint16(7);
        const height = data.getUint16(9);
        if (width > limits.width || height > limits.height || width === 0 || height === 0) {
          objects.delete(id);
          skippedObjects++;
        } else objects.set(id, { width, height, chunks: [payload.subarray(11)] });
      } else {
        objects.get(id)?.chunks.push(payload.subarray(4));
      }
    } else if (type === segmentTypes.end && composition) {
      const previous = events[events.length - 1];
      if (previous && previous.end === Infinity) previous.end = composition.time;
      const palette = palettes.get(composition.paletteId);
      const shown = composition.placed.flatMap((placement) => {
        const definition = objects.get(placement.id);
        return definition ? [{ x: placement.x, y: placement.y, width: definition.width, height: definition.height, data: concatenate(definition.chunks) }] : [];
      });
      if (shown.length > 0 && palette) {
        events.push({ start: composition.time, end: Infinity, screenWidth: composition.width, screenHeight: composition.height, objects: shown, palette: palette.slice() });
      }
      composition = null;
    }
  }
  return { events, skippedObjects };
}

/** The event on screen at a time (events are in order and do not overlap). */
export function eventAt(events: PgsEvent[], time: number): PgsEvent | null {
  let low = 0;
  let high = events.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const event = events[middle];
    if (!event) break;
    if (time < event.start) high = middle - 1;
    else if (time >= event.end) low = middle + 1;
    else return event;
  }
  return null;
}

/** Decodes one object's runs into RGBA pixels through the palette. */
export function decodeObject(object: PgsObject, palette: Uint8ClampedArray): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(object.width * object.height * 4);
  // Whole pixels at a time: a run is one fill of a 32-bit colour (byte order is the same on both sides).
  const words = new Uint32Array(pixels.buffer);
  const colours = new Uint32Array(palette.slice().buffer);
  const data = object.data;
  let position = 0;
  let x = 0;
  let y = 0;
  const paint = (count: number, colour: number) => {
    const from = y * object.width + x;
    const length = Math.min(count, object.width - x);
    words.fill(colours[colour] ?? 0, from, from + length);
    x += length;
  };
  while (position < data.length && y < object.height) {
    const first = data[position++] ?? 0;
    if (first !== 0) {
      paint(1, first);
      continue;
    }
    const flags = data[position++] ?? 0;
    if (flags === 0) {
      x = 0;
      y++;
      continue;
    }
    const long = (flags & 0x40) !== 0;
    const count = long ? ((flags & 0x3f) << 8) | (data[position++] ?? 0) : flags & 0x3f;
    const colour = flags & 0x80 ? (data[position++] ?? 0) : 0;
    paint(count, colour);
  }
  return pixels;
}

/** Limited-range Y′CbCr to RGB: BT.709 for HD subtitles, BT.601 for SD. */
function toRgb(luma: number, blueDifference: number, redDifference: number, screenHeight: number): [number, number, number] {
  const y = (luma - 16) * 1.164;
  const cb = blueDifference - 128;
  const cr = redDifference - 128;
  const hd = screenHeight > 576;
  const red = y + (hd ? 1.793 : 1.596) * cr;
  const green = y - (hd ? 0.213 : 0.392) * cb - (hd ? 0.533 : 0.813) * cr;
  const blue = y + (hd ? 2.112 : 2.017) * cb;
  return [clamp(red), clamp(green), clamp(blue)];
}

function clamp(value: number): number {
  return Math.min(255, Math.max(0, Math.round(value)));
}

function concatenate(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
