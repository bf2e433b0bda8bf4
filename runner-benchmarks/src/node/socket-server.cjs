#!/usr/bin/env node
// The socket yardstick of the benchmark: what Node users write instead of a socket framework, the `ws` package
// broadcasting every text message it receives, byte for byte, to every other open socket. The same work as the bare
// WebFlux broadcaster (dev.runner.bench.bare.BareSocketBroadcast):
//
//   node --expose-gc socket-server.cjs [port]   (default 18083; listens on 127.0.0.1, token "bench-token")
//
// GET /ws upgrades when x-runner-token is the token (else 401, no socket); GET /bench/heap runs the garbage collector
// (with --expose-gc) and answers {"heapUsed":<bytes>,"sockets":<open sockets>}.
"use strict";

const http = require("node:http");
const { WebSocketServer } = require("ws");

const port = Number(process.argv[2] ?? process.env.BENCH_PORT ?? 18083);
const token = process.env.BENCH_TOKEN ?? "bench-token";

const sockets = new Set();
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });

wss.on("connection", (socket) => {
  sockets.add(socket);
  socket.on("message", (data, isBinary) => {
    for (const other of sockets) {
      if (other !== socket && other.readyState === 1) {
        other.send(data, { binary: isBinary });
      }
    }
  });
  socket.on("close", () => sockets.delete(socket));
  socket.on("error", () => sockets.delete(socket));
});

const server = http.createServer((request, response) => {
  if (request.method === "GET" && request.url === "/bench/heap") {
    if (global.gc) {
      global.gc();
      global.gc();
    }
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ heapUsed: process.memoryUsage().heapUsed, sockets: sockets.size }));
    return;
  }
  response.statusCode = 404;
  response.end();
});

server.on("upgrade", (request, socket, head) => {
  if (request.url !== "/ws" || request.headers["x-runner-token"] !== token) {
    socket.end("HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    return;
  }
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
});

server.listen(port, "127.0.0.1", 4096, () =>
  console.log(`ws broadcast server listening on ws://127.0.0.1:${port}/ws (pid ${process.pid})`),
);
