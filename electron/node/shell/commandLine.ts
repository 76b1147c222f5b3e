import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files named on a command line: `kirei episode.mkv`, or what a second instance received.
 * Switches are skipped; relative names are resolved against the caller's working folder;
 * file:// URLs (as desktop launchers pass them) become paths.
 */
export function filesFromArguments(args: readonly string[], workingDirectory: string): string[] {
  const files: string[] = [];
  for (const argument of args) {
    if (!argument || argument.startsWith('-')) continue;
    if (/^file:\/\//i.test(argument)) {
      try {
        files.push(fileURLToPath(argument));
      } catch {
        // Not a local file URL: ignore it like any other unknown argument.
      }
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(argument)) continue;
    files.push(path.resolve(workingDirectory, argument));
  }
  return files;
}

/** The user's own arguments: Electron in development adds its app folder before them. */
export function userArguments(argv: readonly string[], isDefaultApp: boolean): string[] {
  return argv.slice(isDefaultApp ? 2 : 1);
}
