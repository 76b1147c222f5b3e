import { z } from 'zod';

/**
 * Binary data crossing the bridge as it is (structured clone carries typed arrays whole): no
 * base64 text a third larger, encoded on one side and decoded on the other.
 */
export const bytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes (a Uint8Array)');
