import fc from 'fast-check';

/**
 * The fuzz suite runs in every test run with a fixed seed and a bounded count, so a failure is
 * the same failure on every machine; `npm run fuzz` runs it long (KIREI_FUZZ_RUNS) with a fresh
 * seed (KIREI_FUZZ_SEED, printed) and prints how much each property was tried.
 */
export const fuzzRuns = Number(process.env['KIREI_FUZZ_RUNS'] ?? 150);
export const fuzzSeed = Number(process.env['KIREI_FUZZ_SEED'] ?? 20261130);

fc.configureGlobal({ seed: fuzzSeed, numRuns: fuzzRuns, endOnFailure: true });

/** Runs a property and, in the long run, says how many inputs it took. */
export async function check<T>(name: string, property: fc.IAsyncPropertyWithHooks<T> | fc.IPropertyWithHooks<T>): Promise<void> {
  const started = performance.now();
  const details = await fc.check(property as fc.IAsyncPropertyWithHooks<T>);
  if (details.failed) throw new Error(`${name}: ${fc.defaultReportMessage(details) ?? 'failed'}`);
  if (process.env['KIREI_FUZZ_RUNS']) console.log(`fuzz: ${name}: ${details.numRuns} inputs in ${((performance.now() - started) / 1000).toFixed(2)} s (seed ${fuzzSeed})`);
}

/** Text the way hostile files write it: any code points, control characters, separators, brackets. */
export const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...'[]()_.-~ +&,0123456789vVsSeEpP#@!\\/\'"{}\u3000【】「」'.split('')), maxLength: 120 }),
  fc.array(fc.oneof(fc.constantFrom('[Group]', ' - ', 'S01E', '(1080p)', '.mkv', 'v2', 'OVA', 'NCOP', '01', '～', '_', '.', 'x264', '[ABCD1234]', 'Season 2', 'Part 2', '第3話'), fc.string({ maxLength: 8 })), { maxLength: 20 }).map((parts) => parts.join('')),
);
