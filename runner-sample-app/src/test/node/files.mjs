#!/usr/bin/env node
// Interop check for files and streams: uploads (multipart), downloads and duplex transforms (octet-stream) against
// the running sample app, with the official @bluelibs/runner 5.5.0 Node clients, unchanged.
//
//   node files.mjs [baseUrl] [token]
//
// Same conventions as interop.mjs (one line per check, exit status 1 at the first mismatch, INTEROP_KEEP_GOING=1 to
// run every check). While the 50 MB upload streams, it prints "heap-probe <MiB sent>" lines: the Java test that runs
// this script measures the server's heap when it reads them.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { Readable } from "node:stream";
import { inspect } from "node:util";

import { createChecks, rejection } from "./checks.mjs";

// 5.5.0's ES-module build for Node cannot be imported (see interop.mjs): load the CommonJS build.
const require = createRequire(import.meta.url);
const { createHttpClient, createHttpMixedClient, createHttpSmartClient, createNodeFile, Serializer } =
  require("@bluelibs/runner");

const baseUrl = process.argv[2] ?? process.env.RUNNER_URL ?? "http://127.0.0.1:8080/__runner";
const token = process.argv[3] ?? process.env.RUNNER_TOKEN ?? "dev-token";

const MIB = 1024 * 1024;
const serializer = new Serializer();
const auth = { token };
const smart = createHttpSmartClient({ baseUrl, auth, serializer, timeoutMs: 60_000 });
const mixed = createHttpMixedClient({ baseUrl, auth, serializer, timeoutMs: 60_000 });
const json = createHttpClient({ baseUrl, auth, serializer, timeoutMs: 10_000 });
// Gives up on a request whose socket stays idle for 1 s: the abort of an upload that stalls.
const impatient = createHttpSmartClient({ baseUrl, auth, serializer, timeoutMs: 1_000 });

const { check, run } = createChecks("files");
const state = {};

async function readAll(stream) {
  assert.ok(stream && typeof stream.pipe === "function", `not a stream: ${inspect(stream)}`);
  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

// A stream of `size` pseudo-random bytes made on demand, never held whole; `onProgress(sent)` after each chunk.
function generated(size, onProgress = () => {}) {
  const hash = createHash("sha256");
  let sent = 0;
  let seed = 0x9e3779b9;
  const stream = new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const chunk = Buffer.allocUnsafe(Math.min(256 * 1024, size - sent));
      for (let i = 0; i < chunk.length; i += 4) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        chunk.writeUInt32LE(seed, i);
      }
      hash.update(chunk);
      sent += chunk.length;
      onProgress(sent);
      this.push(chunk);
    },
  });
  return { stream, digest: () => hash.digest("hex") };
}

async function sha256Of(stream) {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, digest: hash.digest("hex") };
}

// The smart client returns streams only for stream inputs: files.download takes the id as a raw body then.
const download = (client, id) => client.task("files.download", Readable.from([Buffer.from(id)]));

function expectStored(file, expected) {
  assert.equal(typeof file?.id, "string", `no id in ${inspect(file)}`);
  assert.ok(file.storedAt instanceof Date, `storedAt is not a Date: ${inspect(file.storedAt)}`);
  assert.deepStrictEqual(file, { id: file.id, storedAt: file.storedAt, ...expected });
}

check("smart client uploads one file from a Buffer", async () => {
  const file = createNodeFile({ name: "hello.txt", type: "text/plain" }, { buffer: Buffer.from("hello, runner") });
  const stored = await smart.task("files.upload", { files: [file], label: "one" });
  assert.equal(stored.length, 1, inspect(stored));
  expectStored(stored[0], { name: "hello.txt", type: "text/plain", size: 13, label: "one" });
  state.hello = stored[0];
});

check("smart client uploads several files from Buffer, stream and createNodeFile next to plain fields", async () => {
  const files = [
    createNodeFile({ name: "a.csv", type: "text/csv" }, { buffer: Buffer.from("a,b\n1,2\n") }, "A"),
    createNodeFile({ name: "b.bin" }, { stream: Readable.from([Buffer.from("stre"), Buffer.from("amed")]) }, "B"),
    createNodeFile({ name: "c.json", type: "application/json" }, { buffer: Buffer.from("{}") }, "C"),
  ];
  const stored = await smart.task("files.upload", { files, label: "batch" });
  assert.equal(stored.length, 3, inspect(stored));
  expectStored(stored[0], { name: "a.csv", type: "text/csv", size: 8, label: "batch" });
  expectStored(stored[1], { name: "b.bin", type: "application/octet-stream", size: 8, label: "batch" });
  expectStored(stored[2], { name: "c.json", type: "application/json", size: 2, label: "batch" });
  state.batch = stored;
});

check("mixed client uploads through its smart path", async () => {
  const file = createNodeFile({ name: "mixed.txt", type: "text/plain" }, { stream: Readable.from(["via ", "mixed"]) });
  const [stored] = await mixed.task("files.upload", { files: [file], label: null });
  expectStored(stored, { name: "mixed.txt", type: "text/plain", size: 9, label: null });
  state.mixed = stored;
});

// The browser path: the universal client sends files that carry a Blob as FormData through fetch (Node 20's fetch,
// FormData and Blob are the web platform's). 5.5.0 ships createWebFile's type but does not export the function at
// run time, so the sentinel is built in the shape its declaration gives: { $runnerFile, id, meta, _web: { blob } }.
const webFile = (meta, blob, id) => ({ $runnerFile: "File", id, meta, _web: { blob } });

check("universal (browser) client uploads Blobs as FormData through fetch", async () => {
  const files = [
    webFile({ name: "web.txt", type: "text/plain" }, new Blob(["from a browser"], { type: "text/plain" }), "W1"),
    webFile({ name: "pixel.png", type: "image/png" }, new Blob([Uint8Array.of(137, 80, 78, 71, 13, 10)]), "W2"),
  ];
  const stored = await json.task("files.upload", { files, label: "web" });
  assert.equal(stored.length, 2, inspect(stored));
  expectStored(stored[0], { name: "web.txt", type: "text/plain", size: 14, label: "web" });
  expectStored(stored[1], { name: "pixel.png", type: "image/png", size: 6, label: "web" });
  assert.equal((await readAll(await download(smart, stored[0].id))).toString(), "from a browser");
  state.web = stored;
});

check("streamed download returns the stored bytes, type and name", async () => {
  const response = await download(smart, state.batch[0].id);
  assert.equal((await readAll(response)).toString(), "a,b\n1,2\n");
  assert.equal(response.headers["content-type"], "text/csv");
  assert.match(response.headers["content-disposition"], /^attachment; filename="a\.csv"/);
  assert.equal(response.headers["transfer-encoding"], "chunked");
  assert.equal((await readAll(await download(mixed, state.mixed.id))).toString(), "via mixed");
});

check("download of an unknown id is the typed error files.errors.NotFound", async () => {
  const error = await rejection(download(smart, "no-such-file"));
  const actual = { name: error?.name, code: error?.code, id: error?.id, data: error?.data, httpCode: error?.httpCode };
  assert.deepStrictEqual(actual, {
    name: "TunnelError",
    code: "INTERNAL_ERROR",
    id: "files.errors.NotFound",
    data: { id: "no-such-file" },
    httpCode: 404,
  });
});

check("duplex transform streams the raw body back upper-cased", async () => {
  const source = Readable.from(["stream ", "me ", "back, ", "please"].map((text) => Buffer.from(text)));
  const response = await smart.task("files.upper", source);
  assert.equal(response.headers["content-type"], "application/octet-stream");
  assert.equal((await readAll(response)).toString(), "STREAM ME BACK, PLEASE");
  const large = generated(8 * MIB);
  const upper = await mixed.task("files.upper", large.stream);
  const { size } = await sha256Of(upper);
  assert.equal(size, 8 * MIB);
});

check("50 MB upload streams to disk, then streams back unchanged", async () => {
  const size = 50 * MIB;
  let probed = 0;
  const source = generated(size, (sent) => {
    const mib = Math.floor(sent / MIB);
    if (mib >= probed + 10 && mib < 50) {
      probed = mib - (mib % 10);
      console.log(`heap-probe ${probed}`);
    }
  });
  const file = createNodeFile({ name: "big.bin", type: "application/octet-stream" }, { stream: source.stream }, "BIG");
  const [stored] = await smart.task("files.upload", { files: [file], label: "big" });
  expectStored(stored, { name: "big.bin", type: "application/octet-stream", size, label: "big" });
  console.log("heap-probe done");
  const back = await sha256Of(await download(smart, stored.id));
  assert.deepStrictEqual(back, { size, digest: source.digest() });
  state.big = stored;
});

check("client abort mid-upload leaves nothing behind and the server keeps serving", async () => {
  let sent = 0;
  const stalling = new Readable({
    read() {
      if (sent < 2 * MIB) {
        sent += 256 * 1024;
        this.push(Buffer.alloc(256 * 1024, 0x61));
      }
      // then nothing more: the socket goes idle and the client gives up
    },
  });
  const file = createNodeFile({ name: "aborted.bin" }, { stream: stalling }, "ABORT");
  const error = await rejection(impatient.task("files.upload", { files: [file], label: "aborted" }));
  assert.equal(error?.code, "REQUEST_TIMEOUT", inspect(error));
  stalling.destroy();
  const listed = await json.task("files.list");
  assert.ok(!listed.some((stored) => stored.label === "aborted"), `aborted upload listed: ${inspect(listed)}`);
  const uploaded = [state.hello, ...state.batch, state.mixed, ...state.web, state.big].map((stored) => stored.id);
  assert.deepStrictEqual(
    listed.filter((stored) => uploaded.includes(stored.id)),
    [state.hello, ...state.batch, state.mixed, ...state.web, state.big],
  );
});

await run(baseUrl);
