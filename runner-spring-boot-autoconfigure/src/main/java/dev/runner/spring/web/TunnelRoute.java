package dev.runner.spring.web;

/**
 * Where a request under the base path goes, as the runner router resolves it (docs/tunnel-http.md §2.2).
 *
 * @param kind the endpoint
 * @param id the decoded task or event id; empty for discovery, the contracts and a routing miss
 * @since 0.1.0
 */
public record TunnelRoute(Kind kind, String id) {

	static final TunnelRoute NOT_FOUND = new TunnelRoute(Kind.NOT_FOUND, "");

	static final TunnelRoute DISCOVERY = new TunnelRoute(Kind.DISCOVERY, "");

	static final TunnelRoute SCHEMA = new TunnelRoute(Kind.SCHEMA, "");

	static final TunnelRoute TYPE_DECLARATIONS = new TunnelRoute(Kind.TYPE_DECLARATIONS, "");

	/**
	 * The endpoints of the tunnel.
	 */
	public enum Kind {

		/** {@code BASE/task/<id>}. */
		TASK,

		/** {@code BASE/event/<id>}. */
		EVENT,

		/** {@code BASE/discovery}. */
		DISCOVERY,

		/** {@code BASE/schema}: the JSON Schemas of the served tasks and events (§19.1). */
		SCHEMA,

		/** {@code BASE/types.d.ts}: their TypeScript declarations (§19.2). */
		TYPE_DECLARATIONS,

		/** Any other path under the base path: 404 {@code NOT_FOUND}. */
		NOT_FOUND

	}

}
