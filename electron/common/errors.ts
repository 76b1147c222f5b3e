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
  /** The name of the file the error is about, without its folder, so a message can say which. */
  file?: string | undefined;
}

/**
 * Whether a value carries an error's shape. Errors cross the context bridge as plain data:
 * Electron copies only an Error's message, and a bundle other than the one that threw has a
 * KireiError class of its own, so `instanceof` cannot be trusted on the renderer's side.
 */
export function isErrorShape(value: unknown): value is ErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message, detail, file } = value as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    (errorCodes as readonly string[]).includes(code) &&
    typeof message === 'string' &&
    (detail === undefined || typeof detail === 'string') &&
    (file === undefined || typeof file === 'string')
  );
}

export class KireiError extends Error implements ErrorShape {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly file: string | undefined;

  constructor(code: ErrorCode, message: string, detail?: string, file?: string) {
    super(message);
    this.name = 'KireiError';
    this.code = code;
    this.detail = detail;
    this.file = file;
  }

  /** The same error, said about a file (its name only). */
  about(fileName: string): KireiError {
    return new KireiError(this.code, this.message, this.detail, fileName);
  }

  toShape(): ErrorShape {
    return withoutUndefined({ code: this.code, message: this.message, detail: this.detail, file: this.file });
  }
}

function withoutUndefined(shape: ErrorShape): ErrorShape {
  const result: ErrorShape = { code: shape.code, message: withoutPaths(shape.message) };
  if (shape.detail !== undefined) result.detail = withoutPaths(shape.detail);
  if (shape.file !== undefined) result.file = lastSegment(shape.file);
  return result;
}

function lastSegment(text: string): string {
  const parts = text.split(/[\\/]/).filter((part) => part.length > 0);
  return parts[parts.length - 1] ?? text;
}

/**
 * What may leave the main process in an error: file names but no folders (a quoted path, an
 * absolute POSIX or Windows path, a file: URL become their last part) and no stack frames.
 */
export function withoutPaths(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s+at\s/.test(line))
    .join('\n')
    .replace(/file:\/\/[^\s'"]+/g, (url) => lastSegment(url))
    .replace(/(['"‘“])((?:[A-Za-z]:)?[\\/][^'"’”\n]*)(['"’”])/g, (_whole, open: string, quoted: string, close: string) => `${open}${lastSegment(quoted)}${close}`)
    .replace(/(^|[\s(=:,])((?:[A-Za-z]:\\|\\\\|\/)(?:[^\s'"\\/]+[\\/])+[^\s'",)]*)/g, (_whole, before: string, found: string) => `${before}${lastSegment(found)}`);
}

/** What the viewer reads when something failed that no one foresaw; the detail goes with it. */
export const unexpectedProblem = 'Kirei ran into a problem it did not expect. Try again; if it keeps happening, the details help a bug report.';

/** Turns anything thrown into a shape the UI can show, without leaking stack traces as messages. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof KireiError) return error.toShape();
  if (isErrorShape(error)) return withoutUndefined(error);
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return withoutUndefined({ code: 'internal', message: unexpectedProblem, detail });
}
