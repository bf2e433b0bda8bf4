#!/usr/bin/env node
// Brahma-JS (npm brahma-firelight 1.5.20: a Rust tokio/hyper core calling JavaScript handlers) serving the benchmark's
// routes with the same bytes as the starter, the bare WebFlux routes and the Node exposure: the token check, the JSON
// body parsed, the envelope written.
//
//   node brahma-server.cjs [port]   (default 18084; listens on 127.0.0.1, token "bench-token")
"use strict";

const { createApp } = require("brahma-firelight");

const port = Number(process.argv[2] ?? process.env.BENCH_PORT ?? 18084);
const token = process.env.BENCH_TOKEN ?? "bench-token";

// The ~24 KB document of the `hi` workload.
const { items } = require("./bench-data.cjs");

const JSON_TYPE = { "Content-Type": "application/json" };
const UNAUTHORIZED = JSON.stringify({ ok: false, error: { message: "Unauthorized", code: "UNAUTHORIZED" } });
const INVALID = JSON.stringify({ ok: false, error: { message: "Invalid JSON body", code: "INVALID_JSON" } });
const OK = JSON.stringify({ ok: true });

let pings = 0;

// Every route checks the token and parses the body, as the other servers do.
function route(handle) {
  return (req, res) => {
    if (req.headers["x-runner-token"] !== token) {
      return res.send(401, JSON_TYPE, [], UNAUTHORIZED);
    }
    let body;
    try {
      body = JSON.parse(typeof req.body === "string" ? req.body : String(req.body ?? ""));
    } catch {
      return res.send(400, JSON_TYPE, [], INVALID);
    }
    const answer = handle(body);
    if (answer instanceof Promise) {
      return answer.then((text) => res.send(200, JSON_TYPE, [], text));
    }
    return res.send(200, JSON_TYPE, [], answer);
  };
}

const add = route((body) => JSON.stringify({ ok: true, result: body.input.a + body.input.b }));
const ping = route((body) => {
  pings += body.payload.n;
  return OK;
});

const app = createApp();
app.post("/__runner/task/bench.add", add);
app.post("/__runner/task/bench.addPlain", add);
app.post("/__runner/task/bench.hi", route(() => JSON.stringify({ ok: true, result: items })));
// Like the Node exposure: a 1 ms timer is the blocking task's wait, without holding the loop.
app.post("/__runner/task/bench.block", route((body) =>
  new Promise((resolve) => setTimeout(() => resolve(JSON.stringify({ ok: true, result: body.input.a + body.input.b })), 1))));
app.post("/__runner/event/bench.ping", ping);
app.post("/__runner/event/bench.pingPlain", ping);

app.listen("127.0.0.1", port, () =>
  console.log(`brahma-js listening on http://127.0.0.1:${port}/__runner (pid ${process.pid})`));
