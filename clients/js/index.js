// Client of the runner socket protocol, version 1 (docs/socket.md). Runs in browsers and in Node 20+ (pass the `ws`
// package as `WebSocket` where there is no global one). Values travel in the runner serializer's format: give it the
// official `Serializer` of @bluelibs/runner.

const SUB_PROTOCOL = "runner.v1";

/** A failed request, shaped like the official HTTP clients' errors: `code`, `message`, and for typed errors `id`, `data`. */
export class TunnelError extends Error {
  constructor(error) {
    super(error.message ?? error.code ?? "Runner socket error");
    this.name = "TunnelError";
    this.code = error.code;
    if (error.id !== undefined) this.id = error.id;
    if (error.data !== undefined) this.data = error.data;
    if (error.httpCode !== undefined) this.httpCode = error.httpCode;
  }
}

/** Close codes after which reconnecting cannot help. */
const FINAL_CLOSE_CODES = new Set([4401, 1003]);

/**
 * Opens a socket client. It connects at once, authenticates with an `auth` frame (browsers cannot set headers), and
 * reconnects after a lost connection with jittered exponential back-off, subscribing again to its channels.
 *
 * @param {object} options
 * @param {string} options.url the endpoint, for example `ws://localhost:8080/__runner/ws`
 * @param {string} options.token a token of `runner.auth.tokens`
 * @param {{ stringify(value: unknown): string, parse(text: string): unknown }} options.serializer the official Serializer
 * @param {typeof WebSocket} [options.WebSocket] the WebSocket constructor, `globalThis.WebSocket` by default
 * @param {{ minDelay?: number, maxDelay?: number } | false} [options.reconnect] back-off in ms (250 to 10000), or false
 */
export function createSocketClient(options) {
  const { url, token, serializer } = options;
  const Impl = options.WebSocket ?? globalThis.WebSocket;
  if (!url || !serializer) throw new TypeError("createSocketClient needs url and serializer");
  if (!Impl) throw new TypeError("No WebSocket: pass one, for example the 'ws' package, as options.WebSocket");
  const backoff = options.reconnect === false ? null : { minDelay: 250, maxDelay: 10_000, ...options.reconnect };

  const pending = new Map(); // correlation id -> { resolve, reject, frame }
  const queued = []; // frames waiting for the socket to be ready
  const channels = new Map(); // channel -> { callbacks: Set, active: Promise of the subscription in place }
  const listeners = { direct: new Set(), gap: new Set(), error: new Set(), state: new Set() };
  let nextId = 0;
  let socket = null;
  let socketId = null;
  let ready = false;
  let closed = false;
  let attempt = 0;
  let timer = null;
  let readyWaiters = [];

  function emit(kind, value) {
    for (const listener of listeners[kind]) listener(value);
  }

  function connect() {
    socket = new Impl(url, [SUB_PROTOCOL]);
    socket.onopen = () => socket.send(JSON.stringify({ type: "auth", token }));
    socket.onmessage = (event) => receive(typeof event.data === "string" ? event.data : String(event.data));
    socket.onclose = (event) => lost(event.code, event.reason);
    socket.onerror = () => {}; // a close follows
  }

  function receive(text) {
    let frame;
    try {
      frame = serializer.parse(text);
    } catch (error) {
      emit("error", new TunnelError({ code: "INVALID_FRAME", message: "Undecodable frame from the server" }));
      return;
    }
    switch (frame.type) {
      case "ready":
        becomeReady(frame.socketId);
        break;
      case "result": {
        const request = pending.get(frame.id);
        if (!request) return;
        pending.delete(frame.id);
        if (frame.ok) request.resolve(frame.result);
        else request.reject(new TunnelError(frame.error));
        break;
      }
      case "message":
        for (const callback of channels.get(frame.channel)?.callbacks ?? []) callback(frame.data, frame.channel);
        break;
      case "direct":
        emit("direct", frame.data);
        break;
      case "gap":
        emit("gap", { channel: frame.channel, dropped: frame.dropped });
        break;
      case "error": {
        const error = new TunnelError(frame.error);
        const request = frame.id !== undefined ? pending.get(frame.id) : undefined;
        if (request) {
          pending.delete(frame.id);
          request.reject(error);
        } else emit("error", error);
        break;
      }
      default:
        break; // pong and frames of later versions
    }
  }

  function becomeReady(id) {
    socketId = id;
    ready = true;
    attempt = 0;
    for (const [channel, subscription] of channels) {
      subscription.active = send({ type: "subscribe", channel });
      subscription.active.catch((error) => emit("error", error));
    }
    for (const frame of queued.splice(0)) {
      const request = pending.get(frame.id);
      if (!request) continue;
      request.sent = true;
      socket.send(serializer.stringify(frame));
    }
    for (const waiter of readyWaiters.splice(0)) waiter.resolve(id);
    emit("state", { state: "ready", socketId: id });
  }

  function lost(code, reason) {
    ready = false;
    socketId = null;
    const failure = new TunnelError({ code: "SOCKET_CLOSED", message: `Socket closed (${code}${reason ? " " + reason : ""})` });
    const final = closed || !backoff || FINAL_CLOSE_CODES.has(code);
    // Requests sent on the lost connection fail; those not sent yet wait for the next one (unless this is the end).
    for (const [id, request] of pending) {
      if (request.sent || final) {
        pending.delete(id);
        request.reject(failure);
      }
    }
    emit("state", { state: "closed", code, reason });
    if (final) {
      closed = true;
      queued.length = 0;
      for (const waiter of readyWaiters.splice(0)) waiter.reject(failure);
      return;
    }
    const delay = Math.min(backoff.maxDelay, backoff.minDelay * 2 ** attempt++);
    timer = setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
  }

  function send(frame) {
    if (closed) return Promise.reject(new TunnelError({ code: "SOCKET_CLOSED", message: "Client closed" }));
    const id = `c${++nextId}`;
    const request = { ...frame, id };
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, sent: ready });
      if (ready) socket.send(serializer.stringify(request));
      else queued.push(request);
    });
  }

  connect();

  return {
    /** The socket id of the current connection, null while not connected. */
    get socketId() {
      return socketId;
    },
    /** Resolves with the socket id once connected and authenticated. */
    ready() {
      if (ready) return Promise.resolve(socketId);
      if (closed) return Promise.reject(new TunnelError({ code: "SOCKET_CLOSED", message: "Client closed" }));
      return new Promise((resolve, reject) => readyWaiters.push({ resolve, reject }));
    },
    task(id, input) {
      return send(input === undefined ? { type: "task", task: id } : { type: "task", task: id, input });
    },
    event(id, payload, { returnPayload = false } = {}) {
      return send({ type: "event", event: id, payload, returnPayload });
    },
    async subscribe(channel, onMessage) {
      let subscription = channels.get(channel);
      if (!subscription) {
        subscription = { callbacks: new Set(), active: send({ type: "subscribe", channel }) };
        channels.set(channel, subscription);
        subscription.active.catch(() => {
          if (channels.get(channel) === subscription) channels.delete(channel);
        });
      }
      subscription.callbacks.add(onMessage);
      try {
        // resolves once the server confirmed it: a publication made after that reaches this callback
        await subscription.active;
      } catch (error) {
        subscription.callbacks.delete(onMessage);
        throw error;
      }
      return async () => {
        const current = channels.get(channel);
        if (!current || !current.callbacks.delete(onMessage) || current.callbacks.size > 0) return;
        channels.delete(channel);
        if (ready) await send({ type: "unsubscribe", channel });
      };
    },
    publish(channel, data) {
      return send({ type: "publish", channel, data });
    },
    onDirect(listener) {
      listeners.direct.add(listener);
      return () => listeners.direct.delete(listener);
    },
    onGap(listener) {
      listeners.gap.add(listener);
      return () => listeners.gap.delete(listener);
    },
    onError(listener) {
      listeners.error.add(listener);
      return () => listeners.error.delete(listener);
    },
    onStateChange(listener) {
      listeners.state.add(listener);
      return () => listeners.state.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close(1000);
    },
  };
}

/**
 * Wraps a client (createHttpClient, createHttpSmartClient or createHttpMixedClient of @bluelibs/runner, or
 * createSocketClient) so that TypeScript checks task inputs and event payloads, and types results, against the
 * declarations a service publishes at {base-path}/types.d.ts. At run time every call goes to the client unchanged.
 */
export function typedClient(client) {
  return {
    task: (id, input) => client.task(id, input),
    event: (id, payload) => client.event(id, payload),
    eventWithResult: (id, payload) =>
      typeof client.eventWithResult === "function"
        ? client.eventWithResult(id, payload)
        : client.event(id, payload, { returnPayload: true }),
  };
}
