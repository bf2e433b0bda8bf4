/** A failed request, shaped like the official HTTP clients' errors. */
export declare class TunnelError extends Error {
  readonly code: string;
  readonly id?: string;
  readonly data?: unknown;
  readonly httpCode?: number;
}

/** The official Serializer of @bluelibs/runner, or anything with the same two methods. */
export interface RunnerSerializer {
  stringify(value: unknown): string;
  parse(text: string): unknown;
}

export interface SocketClientOptions {
  /** The endpoint, for example `ws://localhost:8080/__runner/ws`. */
  url: string;
  /** A token of `runner.auth.tokens`, sent in the first frame. */
  token: string;
  serializer: RunnerSerializer;
  /** The WebSocket constructor; `globalThis.WebSocket` by default (pass the `ws` package in Node 20). */
  WebSocket?: unknown;
  /** Back-off between reconnections in ms (jittered, doubling), or false not to reconnect. */
  reconnect?: { minDelay?: number; maxDelay?: number } | false;
}

export type Unsubscribe = () => Promise<void>;

export interface SocketClient {
  /** The socket id of the current connection, null while not connected. */
  readonly socketId: string | null;
  /** Resolves with the socket id once connected and authenticated. */
  ready(): Promise<string>;
  task<T = unknown>(id: string, input?: unknown): Promise<T>;
  event<T = unknown>(id: string, payload?: unknown, options?: { returnPayload?: boolean }): Promise<T>;
  /** Subscribes (again after each reconnection) and resolves once the subscription is active. */
  subscribe(channel: string, onMessage: (data: unknown, channel: string) => void): Promise<Unsubscribe>;
  publish(channel: string, data?: unknown): Promise<void>;
  onDirect(listener: (data: unknown) => void): () => void;
  onGap(listener: (gap: { channel: string; dropped: number }) => void): () => void;
  onError(listener: (error: TunnelError) => void): () => void;
  onStateChange(listener: (state: { state: "ready" | "closed"; socketId?: string; code?: number; reason?: string }) => void): () => void;
  close(): void;
}

export declare function createSocketClient(options: SocketClientOptions): SocketClient;
