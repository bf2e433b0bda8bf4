package dev.runner.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.runner.bench.bare.BareBenchApplication;
import dev.runner.bench.ceiling.CeilingServer;
import dev.runner.bench.starter.StarterBenchApplication;

/**
 * Starts one of the Java servers of the benchmarks on 127.0.0.1:
 * {@code java -cp ... dev.runner.bench.BenchServers starter|bare|ceiling PORT [--spring.property=value ...]}
 * ({@code ceiling} is the plain Reactor Netty {@link CeilingServer}, which takes no properties).
 *
 * @since 0.1.0
 */
public final class BenchServers {

	private BenchServers() {
	}

	/**
	 * Starts a server.
	 * @param args {@code starter} or {@code bare}, the port, then Spring Boot arguments
	 */
	public static void main(String[] args) {
		if (args.length < 2) {
			System.err.println("usage: BenchServers starter|bare|ceiling PORT [--property=value ...]");
			System.exit(2);
		}
		if (args[0].equals("ceiling")) {
			CeilingServer.start(Integer.parseInt(args[1])).onDispose().block();
			return;
		}
		start(args[0], Integer.parseInt(args[1]), Arrays.copyOfRange(args, 2, args.length));
	}

	/**
	 * Starts a server.
	 * @param kind {@code starter} or {@code bare}
	 * @param port the port, {@code 0} for any free one
	 * @param args more Spring Boot arguments
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(String kind, int port, String... args) {
		Class<?> source = switch (kind) {
			case "starter" -> StarterBenchApplication.class;
			case "bare" -> BareBenchApplication.class;
			default -> throw new IllegalArgumentException("unknown server '" + kind + "': starter or bare");
		};
		SpringApplication application = new SpringApplication(source);
		// With -Dspring.aot.enabled=true, the code generated for this class's main (the module's process-aot) is
		// used, whoever calls start.
		application.setMainApplicationClass(BenchServers.class);
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.port", port);
		defaults.put("server.address", "127.0.0.1");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.application.name", "runner-bench-" + kind);
		defaults.put("runner.auth.tokens", BenchData.TOKEN);
		// The socket benchmark's publisher publishes on bench.fan from a client.
		defaults.put("runner.socket.client-publish", "bench.**");
		// Spring Data Redis is on the class path for the broker suite; the benchmark has no repositories to scan.
		defaults.put("spring.data.redis.repositories.enabled", false);
		application.setDefaultProperties(defaults);
		return application.run(args);
	}

}
