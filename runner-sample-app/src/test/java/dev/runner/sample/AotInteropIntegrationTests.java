package dev.runner.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app run with the code Spring's ahead-of-time processing generated at build time ({@code process-aot},
 * {@code -Dspring.aot.enabled=true}), in a JVM of its own, passes the same Node scripts as the normal build: the
 * official {@code @bluelibs/runner} clients (tasks, events, errors, uploads, downloads, streams), the socket client
 * and the typed client over the served {@code types.d.ts}.
 */
@DisabledIfSystemProperty(named = "skip.npm", matches = "true", disabledReason = "built with -Dskip.npm=true")
class AotInteropIntegrationTests {

	private static final String TOKEN = "aot-interop-token";

	private static final String INITIALIZER = "dev/runner/sample/SampleApplication__ApplicationContextInitializer.class";

	private static Process app;

	private static Path log;

	private static int port;

	@BeforeAll
	static void startTheAppWithItsAheadOfTimeCode() throws Exception {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		assertThat(AotInteropIntegrationTests.class.getClassLoader().getResource(INITIALIZER))
			.as("the AOT-generated initializer (the build's process-aot step)")
			.isNotNull();
		port = freePort();
		log = Files.createTempFile("sample-aot", ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		app = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-Dspring.devtools.restart.enabled=false", "-cp",
				classPath, SampleApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--runner.auth.tokens=" + TOKEN)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		awaitServing();
		assertThat(Files.readString(log)).as("the app ran in AOT mode")
			.doesNotContain("SampleApplication__ApplicationContextInitializer could not be found");
	}

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	/**
	 * Runs one script: {@code interop.mjs} (tasks, events, errors, values), {@code files.mjs} (uploads, downloads,
	 * duplex, abort), {@code socket.mjs} (the socket client, channels, reconnection), {@code contracts.mjs} (the typed
	 * client checked by {@code tsc} against the served declarations).
	 * @param script the script
	 */
	@ParameterizedTest
	@ValueSource(strings = { "interop.mjs", "files.mjs", "socket.mjs", "contracts.mjs" })
	void nodeScriptPasses(String script) throws Exception {
		NodeScripts.run(port, TOKEN, script, (line) -> {
		});
	}

	private static void awaitServing() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest discovery = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/__runner/discovery"))
			.header("x-runner-token", TOKEN)
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			assertThat(app.isAlive()).as("the app stopped:%n%s", Files.readString(log)).isTrue();
			try {
				if (client.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError("The app did not serve within 90 s:\n" + String.join("\n", tail()));
	}

	private static List<String> tail() throws IOException {
		List<String> lines = Files.readAllLines(log);
		return lines.subList(Math.max(0, lines.size() - 60), lines.size());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
