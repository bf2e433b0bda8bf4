#!/usr/bin/env node
// The Node exposure of @bluelibs/runner 5.5.0 serving the benchmark's tasks and event, the yardstick the Spring
// starter is measured against. The same work as dev.runner.bench.starter.BenchTasks and the bare WebFlux routes:
//
//   node server.cjs [port]          (default 18083; listens on 127.0.0.1, token "bench-token")
//
// 5.5.0's ES-module build for Node cannot be imported, so this is CommonJS and loads the package's CommonJS build.
"use strict";

const { r, run, globals, nodeExposure } = require("@bluelibs/runner/node");

const port = Number(process.argv[2] ?? process.env.BENCH_PORT ?? 18083);
const token = process.env.BENCH_TOKEN ?? "bench-token";

// The ~24 KB document of the `hi` workload.
const { items } = require("./bench-data.cjs");

let pings = 0;

const add = r.task("bench.add").run(async (input) => input.a + input.b).build();
const addPlain = r.task("bench.addPlain").run(async (input) => input.a + input.b).build();
const hi = r.task("bench.hi").run(async () => items).build();
// Node has no blocking off the event loop; a 1 ms timer is the same wait without holding the loop.
const block = r
  .task("bench.block")
  .run(async (input) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return input.a + input.b;
  })
  .build();
const ping = r.event("bench.ping").build();
const pingPlain = r.event("bench.pingPlain").build();
const onPing = r
  .hook("bench.hooks.onPing")
  .on(ping)
  .run(async (event) => {
    pings += event.data.n;
  })
  .build();
const onPingPlain = r
  .hook("bench.hooks.onPingPlain")
  .on(pingPlain)
  .run(async (event) => {
    pings += event.data.n;
  })
  .build();

const tasks = [add, addPlain, hi, block];
const events = [ping, pingPlain];

// A server-mode tunnel turns the exposure's allow-list on for exactly these ids.
const tunnel = r
  .resource("bench.tunnel")
  .tags([globals.tags.tunnel])
  .init(async () => ({ mode: "server", transport: "http", tasks, events }))
  .build();

const exposure = nodeExposure.with({
  http: { basePath: "/__runner", listen: { port, host: "127.0.0.1" }, auth: { token } },
});

const app = r
  .resource("bench.app")
  .register([...tasks, ...events, onPing, onPingPlain, tunnel, exposure])
  .build();

run(app, { logs: { printThreshold: null }, shutdownHooks: true }).then(
  () => console.log(`node exposure listening on http://127.0.0.1:${port}/__runner (pid ${process.pid})`),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
