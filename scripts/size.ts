// Checks the widget's size budget after `vite build`: prints the raw and gzipped size of
// dist/ipsafezone-login.js and ends with `widget-gzip-bytes: <n>` (the line CI reads). Exits 1
// when the gzipped bundle is over 12,000 bytes or missing. Gzip at level 9, like `gzip -9`.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const BUDGET = 12_000;
const file = fileURLToPath(new URL('../dist/ipsafezone-login.js', import.meta.url));

let raw: Buffer;
try {
  raw = readFileSync(file);
} catch {
  console.error(`${file} is missing: run npm run build first.`);
  process.exit(1);
}
const gz = gzipSync(raw, { level: 9 }).length;
console.log(`widget-raw-bytes: ${raw.length}`);
console.log(`widget-budget-bytes: ${BUDGET}`);
if (gz > BUDGET) console.error(`Over budget by ${gz - BUDGET} bytes.`);
console.log(`widget-gzip-bytes: ${gz}`);
process.exit(gz > BUDGET ? 1 : 0);
