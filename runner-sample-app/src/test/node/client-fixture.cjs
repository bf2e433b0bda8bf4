#!/usr/bin/env node
// The Node exposure of @bluelibs/runner 5.5.0 serving the tasks and events the Java client's test suite calls
// (dev.runner.clienttest.RunnerClientContract): the same ids, inputs and answers as the starter-side fixture
// (dev.runner.clienttest.ClientFixtureTasks), so one suite runs against both servers.
//
//   node client-fixture.cjs <port> [token]     (listens on 127.0.0.1; prints "listening <port>" once ready)
//
// 5.5.0's ES-module build for Node cannot be imported, so this is CommonJS and loads the package's CommonJS build.
"use strict";

const { createHash } = require("node:crypto");
const { PassThrough, Readable } = require("node:stream");
const { r, run, globals, nodeExposure, useExposureContext } = require("@bluelibs/runner/node");

const port = Number(process.argv[2]);
const token = process.argv[3] ?? "fixture-token";

// The sample app's custom type (dev.runner.sample.Price and its PriceCodec).
class Price {
  constructor(amount, currency) {
    this.amount = amount;
    this.currency = currency;
  }
}

let aborts = 0;

const conflict = r.error("fixture.errors.Conflict").httpCode(409).build();

const echo = r.task("fixture.echo").run(async (input) => input).build();
const add = r.task("fixture.add").run(async (input) => input.a + input.b).build();
const nothing = r.task("fixture.nothing").run(async () => undefined).build();
const clash = r
  .task("fixture.conflict")
  .run(async (input) => conflict.throw({ reason: input.reason }))
  .build();
const fail = r
  .task("fixture.fail")
  .run(async () => {
    throw new Error("a detail the caller must not see");
  })
  .build();
// Waits input.ms; counts the calls whose request was aborted while waiting.
const slow = r
  .task("fixture.slow")
  .run(async (input) => {
    const { signal } = useExposureContext();
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, input.ms);
      signal.addEventListener("abort", () => {
        aborts++;
        clearTimeout(timer);
        resolve();
      });
    });
    return "done";
  })
  .build();
const abortCount = r.task("fixture.aborts").run(async () => aborts).build();
// What arrived of the caller's request id, async context and x-caller header.
const headers = r
  .task("fixture.headers")
  .run(async () => {
    const { headers } = useExposureContext();
    return {
      requestId: headers["x-runner-request-id"] ?? null,
      context: headers["x-runner-context"] ?? null,
      caller: headers["x-caller"] ?? null,
    };
  })
  .build();
// Every file of input.files read and hashed: [{name, type, size, sha256}], and input.note.
const upload = r
  .task("fixture.upload")
  .run(async (input) => {
    const files = [];
    for (const file of input.files) {
      const { stream } = await file.resolve();
      const hash = createHash("sha256");
      let size = 0;
      for await (const chunk of stream) {
        hash.update(chunk);
        size += chunk.length;
      }
      files.push({ name: file.name, type: file.type, size, sha256: hash.digest("hex") });
    }
    return { note: input.note, files };
  })
  .build();
// input.size bytes, byte i being i % 251, streamed in 64 KiB chunks.
const download = r
  .task("fixture.download")
  .run(async (input) => {
    let sent = 0;
    return new Readable({
      read() {
        if (sent >= input.size) {
          this.push(null);
          return;
        }
        const chunk = Buffer.allocUnsafe(Math.min(65536, input.size - sent));
        for (let i = 0; i < chunk.length; i++) {
          chunk[i] = (sent + i) % 251;
        }
        sent += chunk.length;
        this.push(chunk);
      },
    });
  })
  .build();
// Octet-stream: the request body streamed back as it arrives.
const duplex = r
  .task("fixture.duplex")
  .run(async () => {
    const { req } = useExposureContext();
    return req.pipe(new PassThrough());
  })
  .build();

const noted = r.event("fixture.noted").build();
const onNoted = r
  .hook("fixture.hooks.onNoted")
  .on(noted)
  .run(async (event) => {
    if (event.data && typeof event.data === "object") {
      event.data.seen = true;
    }
  })
  .build();

const serialization = r
  .resource("fixture.serialization")
  .dependencies({ serializer: globals.resources.serializer })
  .init(async (_config, { serializer }) => {
    serializer.addType({
      id: "Price",
      is: (value) => value instanceof Price,
      serialize: (price) => ({ amount: price.amount, currency: price.currency }),
      deserialize: (payload) => new Price(payload.amount, payload.currency),
      strategy: "value",
    });
  })
  .build();

const tasks = [echo, add, nothing, clash, fail, slow, abortCount, headers, upload, download, duplex];
const events = [noted];

const tunnel = r
  .resource("fixture.tunnel")
  .tags([globals.tags.tunnel])
  .init(async () => ({ mode: "server", transport: "http", tasks, events }))
  .build();

const exposure = nodeExposure.with({
  http: {
    basePath: "/__runner",
    listen: { port, host: "127.0.0.1" },
    auth: { token },
    // Room for the suite's 50 MiB upload (the default is 20 MiB), as runner.limits.multipart.max-file-size=100MB
    // gives the starter-side fixture.
    limits: { multipart: { fileSize: 100 * 1024 * 1024 } },
  },
});

const app = r
  .resource("fixture.app")
  .register([conflict, ...tasks, ...events, onNoted, serialization, tunnel, exposure])
  .build();

run(app, { logs: { printThreshold: null }, shutdownHooks: true }).then(
  () => console.log(`listening ${port}`),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
