// The long fuzz run: every property of tests/unit/fuzz with many inputs and a fresh seed (or the
// one given in KIREI_FUZZ_SEED, to repeat a run), printing what each property was given.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const seed = process.env.KIREI_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const runs = process.env.KIREI_FUZZ_RUNS ?? '20000';
console.log(`fuzz: seed ${seed}, ${runs} inputs per property (repeat with KIREI_FUZZ_SEED=${seed})`);
const vitest = path.join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', 'tests/unit/fuzz', '--testTimeout', '600000'], {
  stdio: 'inherit',
  env: { ...process.env, KIREI_FUZZ_SEED: seed, KIREI_FUZZ_RUNS: runs },
});
process.exit(result.status ?? 1);
