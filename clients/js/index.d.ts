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

/** The shape of the `RunnerTasks` interface of a service's `types.d.ts`. */
export type TaskContracts<T> = { [K in keyof T]: { input: unknown; result: unknown } };

/** The shape of the `RunnerEvents` interface of a service's `types.d.ts`. */
export type EventContracts<E> = { [K in keyof E]: { payload: unknown } };

/** The input argument: optional when the task or event accepts `undefined`. */
type Argument<I> = undefined extends I ? [value?: I] : [value: I];

/** A client whose calls are checked against a service's declarations. */
export interface TypedClient<T extends TaskContracts<T>, E extends EventContracts<E>> {
  /** Runs a task: the input must match the task's input type; the promise has its result type. */
  task<K extends keyof T & string>(id: K, ...input: Argument<T[K]["input"]>): Promise<T[K]["result"]>;
  /** Emits an event with a payload of its payload type. */
  event<K extends keyof E & string>(id: K, ...payload: Argument<E[K]["payload"]>): Promise<void>;
  /** Emits an event and resolves with the payload after its listeners. */
  eventWithResult<K extends keyof E & string>(id: K, ...payload: Argument<E[K]["payload"]>): Promise<E[K]["payload"]>;
}

/** Any of the official HTTP clients of @bluelibs/runner, or this package's socket client. */
export interface RunnerCallClient {
  task(id: string, input?: any): Promise<any>;
  event(id: string, payload?: any, options?: any): Promise<any>;
  eventWithResult?(id: string, payload?: any): Promise<any>;
}

/**
 * Wraps a client so that TypeScript checks every call against the `RunnerTasks` and `RunnerEvents` interfaces of a
 * service's `{base-path}/types.d.ts`:
 * `const notes = typedClient<RunnerTasks, RunnerEvents>(createHttpClient({ baseUrl, auth, serializer }))`.
 */
export declare function typedClient<T extends TaskContracts<T>, E extends EventContracts<E> = {}>(
  client: RunnerCallClient,
): TypedClient<T, E>;
