/**
 * Errors that cross the IPC boundary. The message is a sentence a viewer understands;
 * the detail carries what a bug report needs (tool output, errno, ids).
 */
export const errorCodes = [
  'invalid-request',
  'unknown-method',
  'forbidden-sender',
  'not-found',
  'unreadable',
  'empty-file',
  'not-media',
  'truncated',
  'unsupported',
  'ffmpeg-missing',
  'write-failed',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  detail?: string | undefined;
}

export class KireiError extends Error implements ErrorShape {
  readonly code: ErrorCode;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'KireiError';
    this.code = code;
    this.detail = detail;
  }

  toShape(): ErrorShape {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

/** Turns anything thrown into a shape the UI can show, without leaking stack traces as messages. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof KireiError) return error.toShape();
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'internal', message: 'Something went wrong inside Kirei.', detail };
}
