// Calls the running sample app over the runner socket with this repository's JavaScript client (clients/js) and the
// official Serializer of @bluelibs/runner: tasks, errors, channels, events to channels, direct messages, and a
// reconnection that subscribes again. Usage: node socket.mjs <base url> <token>; exits non-zero on a failed check.
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import WebSocket from "ws";
import { createSocketClient, TunnelError } from "@runner-spring/socket-client";

const require = createRequire(import.meta.url);
const { Serializer } = require("@bluelibs/runner");

const [baseUrl, token] = process.argv.slice(2);
const url = baseUrl.replace(/^http/, "ws") + "/ws";
const serializer = new Serializer();
const open = () => createSocketClient({ url, token, serializer, WebSocket, reconnect: { minDelay: 50, maxDelay: 500 } });

function nextValue(timeoutMs = 5000) {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const timer = setTimeout(() => reject(new Error("nothing arrived within " + timeoutMs + " ms")), timeoutMs);
  return {
    promise,
    push(value) {
      clearTimeout(timer);
      resolve(value);
    },
  };
}

async function check(name, body) {
  await body();
  console.log("ok " + name);
}

const alice = open();
const bob = open();
try {
  const aliceId = await alice.ready();
  const bobId = await bob.ready();
  assert.match(aliceId, /^[a-z0-9]{10}-[a-z0-9]+$/);

  await check("task with typed values", async () => {
    const when = new Date("2024-01-02T03:04:05.000Z");
    const echoed = await alice.task("notes.echo", { when, tags: new Set(["a"]), big: 12345678901234567890n });
    assert.deepEqual(echoed, { when, tags: new Set(["a"]), big: 12345678901234567890n });
  });

  await check("errors as TunnelError", async () => {
    await assert.rejects(alice.task("no.such.task"), (error) => {
      assert.ok(error instanceof TunnelError);
      assert.equal(error.code, "FORBIDDEN");
      assert.equal(error.message, "Task no.such.task not exposed");
      return true;
    });
    await assert.rejects(alice.task("notes.crash"), (error) => error.code === "INTERNAL_ERROR");
  });

  await check("many requests in flight", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => bob.task("notes.echo", i)));
    assert.deepEqual(results, Array.from({ length: 50 }, (_, i) => i));
  });

  await check("chat on a channel, both ways", async () => {
    const heard = nextValue();
    await alice.subscribe("board.chat", (data) => {
      if (data.text === "hello") heard.push(data);
    });
    await bob.publish("board.chat", { text: "hello", at: new Date(0) });
    assert.deepEqual(await heard.promise, { text: "hello", at: new Date(0) });
  });

  await check("events to channels", async () => {
    const created = nextValue();
    const unsubscribe = await bob.subscribe("notes.events.created", (data) => created.push(data));
    const payload = await alice.event("notes.events.created", { id: "n1", title: "live" }, { returnPayload: true });
    assert.equal(payload.audited, true);
    assert.deepEqual(await created.promise, payload);
    await unsubscribe();
  });

  await check("direct messages", async () => {
    const poked = nextValue();
    bob.onDirect((data) => poked.push(data));
    assert.equal(await alice.task("board.poke", { to: bobId, text: "psst" }), true);
    assert.equal(await poked.promise, "psst");
  });

  await check("reconnects and subscribes again", async () => {
    const states = [];
    alice.onStateChange((state) => states.push(state.state));
    await assert.rejects(alice.task("board.signOut"), (error) => error.code === "SOCKET_CLOSED");
    const newId = await alice.ready();
    assert.notEqual(newId, aliceId);
    assert.deepEqual(states.slice(0, 2), ["closed", "ready"]);
    const heard = nextValue();
    await alice.subscribe("board.chat", (data) => {
      if (data.text === "after") heard.push(data);
    });
    // the subscription made before the reconnection is active again: the callback above shares it
    await bob.publish("board.chat", { text: "after" });
    assert.equal((await heard.promise).text, "after");
  });

  await check("a wrong token closes for good", async () => {
    const intruder = createSocketClient({ url, token: "wrong", serializer, WebSocket });
    await assert.rejects(intruder.ready(), (error) => error.code === "SOCKET_CLOSED" && /4401/.test(error.message));
  });
  console.log("socket checks passed");
} finally {
  alice.close();
  bob.close();
}
