package dev.runner.clienttest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The Java client's suite against the official Node exposure of {@code @bluelibs/runner} 5.5.0
 * ({@code src/test/node/client-fixture.cjs}, started here with the modules the build installed by {@code npm ci}).
 */
@DisabledIfSystemProperty(named = "skip.npm", matches = "true", disabledReason = "built with -Dskip.npm=true")
class RunnerClientAgainstNodeTests extends RunnerClientContract {

	private static Process node;

	private static int port;

	@BeforeAll
	static void startNodeExposure() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path directory = Path.of(System.getProperty("interop.node.dir", "src/test/node"));
		node = new ProcessBuilder("node", "client-fixture.cjs", String.valueOf(port), TOKEN).directory(directory.toFile())
			.redirectErrorStream(true)
			.start();
		BufferedReader output = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
		String ready = CompletableFuture.supplyAsync(() -> {
			try {
				String line;
				while ((line = output.readLine()) != null) {
					if (line.startsWith("listening ")) {
						return line;
					}
					System.out.println("[client-fixture] " + line);
				}
				return "exited";
			}
			catch (Exception ex) {
				return "failed: " + ex;
			}
		}).get(60, TimeUnit.SECONDS);
		if (!ready.startsWith("listening ")) {
			throw new IllegalStateException("The Node fixture did not start: " + ready);
		}
		Thread drain = new Thread(() -> output.lines().forEach((line) -> System.out.println("[client-fixture] " + line)));
		drain.setDaemon(true);
		drain.start();
	}

	@AfterAll
	static void stopNodeExposure() throws InterruptedException {
		if (node != null) {
			node.destroy();
			if (!node.waitFor(10, TimeUnit.SECONDS)) {
				node.destroyForcibly();
			}
		}
	}

	@Override
	String baseUrl() {
		return "http://127.0.0.1:" + port + "/__runner";
	}

}
