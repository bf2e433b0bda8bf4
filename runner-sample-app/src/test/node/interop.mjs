#!/usr/bin/env node
// Interop check: calls the running sample app with the official @bluelibs/runner 5.5.0 HTTP clients,
// unchanged, and asserts what they return or throw.
//
//   node interop.mjs [baseUrl] [token]
//
// baseUrl defaults to $RUNNER_URL, then http://127.0.0.1:8080/__runner; token to $RUNNER_TOKEN, then dev-token.
// Prints one line per check and exits with status 1 at the first mismatch; with INTEROP_KEEP_GOING=1 it runs every
// check (later ones may fail only because an earlier one did) and then exits with status 1 if any failed.

import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { inspect } from "node:util";

import { createChecks, rejection } from "./checks.mjs";

// The package's ESM build for Node (dist/node/node.mjs) cannot be imported from an ES module in 5.5.0: it bundles
// code that calls require("events") and fails with 'Dynamic require of "events" is not supported'. Its CommonJS
// build is the same client, so load that one.
const require = createRequire(import.meta.url);
const { createHttpClient, createHttpMixedClient, r, Serializer } = require("@bluelibs/runner");

// The server's custom serializer type Price (a RunnerTypeCodec bean in the sample app).
class Price {
  constructor(amount, currency) {
    this.amount = amount;
    this.currency = currency;
  }
}
// The async context the sample's notes.whoami task reads.
const tenant = r.asyncContext("notes.ctx.tenant").build();

const baseUrl = process.argv[2] ?? process.env.RUNNER_URL ?? "http://127.0.0.1:8080/__runner";
const token = process.argv[3] ?? process.env.RUNNER_TOKEN ?? "dev-token";
const timeoutMs = 10_000;

// The local definition of the server's typed error: the client rebuilds it from error.id and error.data.
const NoteNotFound = r
  .error("notes.errors.NotFound")
  .httpCode(404)
  .format((data) => `No note with id ${data.id}`)
  .build();
const errorRegistry = new Map([[NoteNotFound.id, NoteNotFound]]);

// fetch that remembers the status of the last response, so checks can assert it too.
let lastStatus;
const recordingFetch = async (url, init) => {
  lastStatus = undefined;
  const response = await fetch(url, init);
  lastStatus = response.status;
  return response;
};

const serializer = new Serializer();
serializer.addType({
  id: "Price",
  is: (value) => value instanceof Price,
  serialize: (price) => ({ amount: price.amount, currency: price.currency }),
  deserialize: (payload) => new Price(payload.amount, payload.currency),
  strategy: "value",
});
const auth = { token };
const client = createHttpClient({
  baseUrl,
  auth,
  serializer,
  errorRegistry,
  timeoutMs,
  fetchImpl: recordingFetch,
  contexts: [tenant],
});
// The same, saying it acts as an administrator, for the guarded notes.reset.
const adminClient = createHttpClient({
  baseUrl,
  auth,
  serializer,
  timeoutMs,
  fetchImpl: recordingFetch,
  onRequest: ({ headers }) => {
    headers["x-notes-role"] = "admin";
  },
});
const bareClient = createHttpClient({ baseUrl, auth, serializer, timeoutMs, fetchImpl: recordingFetch });
const wrongTokenClient = createHttpClient({
  baseUrl,
  auth: { token: `${token}-wrong` },
  serializer,
  timeoutMs,
  fetchImpl: recordingFetch,
});
// Mixed client: plain inputs take the fetch JSON path.
const mixed = createHttpMixedClient({ baseUrl, auth, serializer, errorRegistry, timeoutMs, fetchImpl: recordingFetch });
// forceSmart sends every task through the Node http path: chunked JSON request bodies.
const smart = createHttpMixedClient({ baseUrl, auth, serializer, errorRegistry, timeoutMs, forceSmart: true });

const CREATED = "notes.events.created";
const { check, run } = createChecks("interop", { explain: () => [`last HTTP status seen by fetch: ${lastStatus}`] });

// Compares the listed fields of an error (and the HTTP status of the last fetch response when given).
function expectError(error, expected, status) {
  const actual = Object.fromEntries(Object.keys(expected).map((key) => [key, error?.[key]]));
  assert.deepStrictEqual(actual, expected, `unexpected error: ${inspect(error)}`);
  if (status !== undefined) {
    assert.equal(lastStatus, status, `HTTP status of ${inspect(error)}`);
  }
}

function expectTunnelError(error, code, message, status) {
  expectError(error, { name: "TunnelError", code, message, id: undefined, data: undefined }, status);
}

const state = {};
const remindAt = new Date("2030-01-02T03:04:05.678Z");

check("void task notes.clear resolves to undefined", async () => {
  assert.equal(await client.task("notes.clear"), undefined);
});

check("no-input task notes.count returns 0 on an empty store", async () => {
  assert.equal(await client.task("notes.count"), 0);
});

check("notes.create returns the stored note with Date, Set and id", async () => {
  const before = Date.now();
  const input = { title: "Groceries", body: "milk, eggs", tags: new Set(["home", "urgent"]), remindAt };
  const note = await client.task("notes.create", input);
  assert.equal(typeof note?.id, "string", `no id in ${inspect(note)}`);
  assert.ok(note.createdAt instanceof Date, `createdAt is not a Date: ${inspect(note.createdAt)}`);
  assert.ok(Math.abs(note.createdAt.getTime() - before) < 60_000, `createdAt far from now: ${note.createdAt}`);
  assert.deepStrictEqual(note, { id: note.id, ...input, createdAt: note.createdAt });
  state.first = note;
});

check("notes.create without tags and remindAt gives an empty Set and null", async () => {
  const note = await client.task("notes.create", { title: "Call Ada", body: "about the compiler" });
  assert.deepStrictEqual(note, {
    id: note?.id,
    title: "Call Ada",
    body: "about the compiler",
    tags: new Set(),
    remindAt: null,
    createdAt: note?.createdAt,
  });
  state.second = note;
});

check("notes.get returns the note as created", async () => {
  assert.deepStrictEqual(await client.task("notes.get", state.first.id), state.first);
});

check("notes.list returns both notes in creation order", async () => {
  assert.deepStrictEqual(await client.task("notes.list"), [state.first, state.second]);
});

check("notes.count returns 2", async () => {
  assert.equal(await client.task("notes.count"), 2);
});

check("notes.tagIndex returns a plain object of Sets", async () => {
  assert.deepStrictEqual(await client.task("notes.tagIndex"), {
    home: new Set([state.first.id]),
    urgent: new Set([state.first.id]),
  });
});

check("typed error is rethrown as the local notes.errors.NotFound through errorRegistry", async () => {
  const error = await rejection(client.task("notes.get", "no-such-note"));
  assert.ok(NoteNotFound.is(error), `not the local typed error: ${inspect(error)}`);
  assert.ok(NoteNotFound.is(error, { id: "no-such-note" }), `data does not match: ${inspect(error)}`);
  expectError(
    error,
    {
      name: "notes.errors.NotFound",
      id: "notes.errors.NotFound",
      data: { id: "no-such-note" },
      httpCode: 404,
      message: "No note with id no-such-note",
    },
    404,
  );
});

check("typed error without errorRegistry is a TunnelError carrying id, data and httpCode", async () => {
  const error = await rejection(bareClient.task("notes.get", "no-such-note"));
  expectError(
    error,
    {
      name: "TunnelError",
      code: "INTERNAL_ERROR",
      message: "Note no-such-note not found",
      id: "notes.errors.NotFound",
      data: { id: "no-such-note" },
      httpCode: 404,
    },
    404,
  );
});

check("untyped failure is masked: INTERNAL_ERROR, Internal Error, no secret", async () => {
  const error = await rejection(client.task("notes.crash"));
  expectTunnelError(error, "INTERNAL_ERROR", "Internal Error", 500);
  const shown = `${inspect(error)} ${JSON.stringify(error.details ?? null)}`;
  for (const secret of ["s3cr3t", "password", "jdbc", "IllegalStateException"]) {
    assert.ok(!shown.includes(secret), `masked error leaks ${secret}: ${shown}`);
  }
});

check("event resolves to undefined", async () => {
  state.stats = await client.task("notes.stats");
  assert.equal(await client.event(CREATED, state.second), undefined);
});

check("eventWithResult returns the payload replaced by the order-0 listener", async () => {
  const payload = await client.eventWithResult(CREATED, state.first);
  assert.deepStrictEqual(payload, { ...state.first, audited: true });
});

check("notes.stats counts both emissions after the replacement", async () => {
  const stats = await client.task("notes.stats");
  assert.equal(stats.createdEvents, state.stats.createdEvents + 2, `stats before ${inspect(state.stats)}, after ${inspect(stats)}`);
  assert.equal(stats.lastNoteId, state.first.id);
  assert.ok(stats.lastEventAt instanceof Date, `lastEventAt is not a Date: ${inspect(stats.lastEventAt)}`);
});

const echoes = {
  Date: new Date("2024-02-29T12:34:56.789Z"),
  BigInt: 123456789012345678901234567890n,
  "negative BigInt": -5n,
  "Map with mixed keys": new Map([["a", 1], [2, "b"], ["when", new Date(0)]]),
  Set: new Set(["x", 1, new Date(86_400_000)]),
  "nested object": {
    when: new Date("1999-12-31T23:59:59.999Z"),
    total: 98765432109876543210n,
    byTag: new Map([["work", new Set(["n1", "n2"])]]),
    list: [1, 1.5, "two", true, null, { deep: new Date(1) }],
  },
};
for (const [label, value] of Object.entries(echoes)) {
  check(`notes.echo round-trips a ${label}`, async () => {
    assert.deepStrictEqual(await client.task("notes.echo", value), value);
  });
}

check("Mono task notes.slowEcho answers after its delay", async () => {
  assert.equal(await client.task("notes.slowEcho", "hello"), "hello");
});

check("unknown task is refused with 403 FORBIDDEN", async () => {
  const error = await rejection(client.task("notes.nope", { title: "x" }));
  expectTunnelError(error, "FORBIDDEN", "Task notes.nope not exposed", 403);
});

check("hidden task notes.purge (exposed = false) is refused with 403 FORBIDDEN", async () => {
  const error = await rejection(client.task("notes.purge", new Date()));
  expectTunnelError(error, "FORBIDDEN", "Task notes.purge not exposed", 403);
});

check("wrong token is refused with 401 UNAUTHORIZED", async () => {
  const error = await rejection(wrongTokenClient.task("notes.count"));
  expectTunnelError(error, "UNAUTHORIZED", "Unauthorized", 401);
});

check("wrong token is refused for events too", async () => {
  const error = await rejection(wrongTokenClient.event(CREATED, state.first));
  expectTunnelError(error, "UNAUTHORIZED", "Unauthorized", 401);
});

check("mixed client (fetch path): notes.get, typed error and eventWithResult", async () => {
  assert.deepStrictEqual(await mixed.task("notes.get", state.second.id), state.second);
  const error = await rejection(mixed.task("notes.get", "gone"));
  assert.ok(NoteNotFound.is(error, { id: "gone" }), `not the local typed error: ${inspect(error)}`);
  assert.equal(lastStatus, 404);
  assert.deepStrictEqual(await mixed.eventWithResult(CREATED, state.second), { ...state.second, audited: true });
});

check("mixed client, smart path (chunked JSON over node:http): create, echo, typed error", async () => {
  const note = await smart.task("notes.create", { title: "Chunked", tags: new Set(["smart"]) });
  assert.deepStrictEqual(note, {
    id: note?.id,
    title: "Chunked",
    body: null,
    tags: new Set(["smart"]),
    remindAt: null,
    createdAt: note?.createdAt,
  });
  assert.deepStrictEqual(await smart.task("notes.echo", echoes["nested object"]), echoes["nested object"]);
  const error = await rejection(smart.task("notes.get", "gone"));
  assert.ok(NoteNotFound.is(error, { id: "gone" }), `not the local typed error: ${inspect(error)}`);
  assert.equal(error.httpCode, 404);
  assert.equal(await smart.task("notes.count"), 3);
});

check("Bean Validation failure is a TunnelError INVALID_INPUT with the violations", async () => {
  const error = await rejection(client.task("notes.create", { title: "  " }));
  expectError(error, { name: "TunnelError", code: "INVALID_INPUT", message: "Invalid input", httpCode: 400 }, 400);
  assert.deepStrictEqual(error.data, { violations: [{ path: "title", message: "must not be blank" }] });
});

check("async context provided around the call is read by the task", async () => {
  assert.equal(await tenant.provide("acme", () => client.task("notes.whoami")), "acme");
  assert.equal(await client.task("notes.whoami"), "anonymous");
});

check("custom type Price round-trips between addType and a RunnerTypeCodec", async () => {
  const gross = await client.task("notes.addTax", new Price(10, "EUR"));
  assert.ok(gross instanceof Price, `expected a Price, got ${inspect(gross)}`);
  assert.deepStrictEqual({ ...gross }, { amount: 12, currency: "EUR" });
});

check("guarded notes.reset refuses a caller without the admin role (403 FORBIDDEN)", async () => {
  const error = await rejection(client.task("notes.reset"));
  expectTunnelError(error, "FORBIDDEN", "Task notes.reset refused by adminGuard", 403);
});

check("guarded notes.reset lets an admin through", async () => {
  assert.equal(typeof (await adminClient.task("notes.reset")), "number");
  assert.equal(await client.task("notes.count"), 0);
});

check("notes.clear empties the store", async () => {
  assert.equal(await client.task("notes.clear"), undefined);
  assert.equal(await client.task("notes.count"), 0);
});

await run(baseUrl);
