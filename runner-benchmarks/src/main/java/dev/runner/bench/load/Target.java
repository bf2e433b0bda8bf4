package dev.runner.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * A server the load benchmark measures.
 *
 * @since 0.1.0
 */
public enum Target {

	/** The runner starter serving annotated beans. */
	STARTER("starter"),

	/**
	 * The same endpoints hard-coded in a bare WebFlux {@code RouterFunction}; in the socket suite, a bare
	 * {@code WebSocketHandler} broadcasting every message.
	 */
	BARE("bare"),

	/**
	 * The Node exposure of {@code @bluelibs/runner} 5.5.0; in the socket suite, a {@code ws} broadcast server
	 * ({@code src/node/socket-server.cjs}).
	 */
	NODE("node"),

	/**
	 * Brahma-JS ({@code brahma-firelight} 1.5.20 from npm, a Rust tokio/hyper core calling JavaScript handlers) serving
	 * the same routes and bytes ({@code src/node/brahma-server.cjs}); HTTP only.
	 */
	BRAHMA("brahma"),

	/**
	 * The ceiling: a plain Reactor Netty {@code HttpServer} doing the least work that gives the same bytes
	 * ({@code dev.runner.bench.ceiling.CeilingServer}); HTTP only.
	 */
	CEILING("ceiling"),

	/**
	 * The starter server with its opt-in direct route ({@code runner.direct-route.enabled=true}): the tunnel served by
	 * Reactor Netty ahead of WebFlux's dispatch; HTTP only.
	 */
	DIRECT("direct");

	private final String id;

	Target(String id) {
		this.id = id;
	}

	/**
	 * The target's name on the command line and in reports.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Finds a target by name.
	 * @param id the name
	 * @return the target
	 */
	public static Target of(String id) {
		for (Target target : values()) {
			if (target.id.equals(id)) {
				return target;
			}
		}
		throw new IllegalArgumentException("unknown target '" + id + "': starter, bare, node, brahma, ceiling or direct");
	}

	/**
	 * The command that starts the server (without the CPU pinning).
	 * @param options the benchmark options
	 * @param port the port
	 * @param extraJvmOptions more JVM options (profiling)
	 * @param arguments more Spring Boot arguments of a Java server ({@code --name=value})
	 * @return the command
	 */
	List<String> command(Options options, int port, List<String> extraJvmOptions, List<String> arguments) {
		List<String> command = new ArrayList<>();
		if (this == BRAHMA) {
			command.add(options.node());
			command.add(options.nodeDir().resolve("brahma-server.cjs").toString());
			command.add(Integer.toString(port));
			return command;
		}
		if (this == NODE) {
			command.add(options.node());
			if (options.socketSuite) {
				command.add("--expose-gc");
			}
			command.add(options.nodeDir().resolve(options.socketSuite ? "socket-server.cjs" : "server.cjs").toString());
			command.add(Integer.toString(port));
			return command;
		}
		command.add(options.java());
		command.addAll(options.jvmOptions());
		command.addAll(extraJvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("dev.runner.bench.BenchServers");
		command.add((this == DIRECT) ? STARTER.id : this.id);
		command.add(Integer.toString(port));
		if (this == DIRECT) {
			command.add("--runner.direct-route.enabled=true");
		}
		command.addAll(arguments);
		return command;
	}

}
