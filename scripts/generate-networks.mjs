// Build step: writes build/generated/networks/<id>.json from the installed anime4k-webgpu
// (a build artefact, not committed). A changed package format stops the build with the reason.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FormatError, networksFromBundle } from './anime4k-networks.mjs';

const outputFolder = path.join('build', 'generated', 'networks');
const require = createRequire(import.meta.url);
let bundlePath;
try {
  bundlePath = require.resolve('anime4k-webgpu');
} catch {
  console.error('anime4k-webgpu is not installed; run npm install.');
  process.exit(1);
}
const packageVersion = JSON.parse(readFileSync(path.join(path.dirname(bundlePath), '..', 'package.json'), 'utf8')).version;

try {
  const described = networksFromBundle(readFileSync(bundlePath, 'utf8'));
  mkdirSync(outputFolder, { recursive: true });
  const index = [];
  for (const description of described) {
    const network = { ...description, source: `anime4k-webgpu@${packageVersion}` };
    writeFileSync(path.join(outputFolder, `${network.id}.json`), JSON.stringify(network));
    index.push({ id: network.id, title: network.title, layers: network.layers.length, macPerPixel: network.macPerPixel });
  }
  writeFileSync(path.join(outputFolder, 'index.json'), JSON.stringify(index, null, 1));
  for (const entry of index) console.log(`${entry.id.padEnd(28)} ${String(entry.layers).padStart(3)} layers  ${entry.macPerPixel} MAC/pixel`);
} catch (error) {
  if (error instanceof FormatError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
