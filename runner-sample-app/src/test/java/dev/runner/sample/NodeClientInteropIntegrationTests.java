package dev.runner.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code src/test/node/interop.mjs}, which calls the running app with the official {@code @bluelibs/runner}
 * clients, and requires it to pass. The build installs the Node modules ({@code npm ci}); {@code -Dskip.npm=true}
 * skips both.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "runner.auth.tokens=" + NodeClientInteropIntegrationTests.TOKEN)
@DisabledIfSystemProperty(named = "skip.npm", matches = "true", disabledReason = "built with -Dskip.npm=true")
class NodeClientInteropIntegrationTests {

	static final String TOKEN = "interop-token";

	private static final long TIMEOUT_SECONDS = 120;

	private static final Log logger = LogFactory.getLog(NodeClientInteropIntegrationTests.class);

	@LocalServerPort
	private int port;

	@Test
	void officialNodeClientsPassTheInteropChecks() throws Exception {
		Path directory = Path.of(System.getProperty("interop.node.dir", "src/test/node")).toAbsolutePath();
		assertThat(directory.resolve("node_modules/@bluelibs/runner"))
			.as("Node modules missing: run 'npm ci' in %s, or build with Maven", directory)
			.isDirectory();
		String baseUrl = "http://127.0.0.1:" + this.port + "/__runner";
		Process process = new ProcessBuilder("node", "interop.mjs", baseUrl, TOKEN).directory(directory.toFile())
			.redirectErrorStream(true)
			.start();
		List<String> output = Collections.synchronizedList(new ArrayList<>());
		Thread pump = new Thread(() -> pump(process, output), "node-interop-output");
		pump.start();
		boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		pump.join(TimeUnit.SECONDS.toMillis(10));
		assertThat(finished).as("node interop.mjs did not finish within %ss:%n%s", TIMEOUT_SECONDS, text(output))
			.isTrue();
		assertThat(process.exitValue()).as("node interop.mjs failed:%n%s", text(output)).isZero();
	}

	private static void pump(Process process, List<String> output) {
		try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
			reader.lines().forEach((line) -> {
				output.add(line);
				logger.info("[node] " + line);
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String text(List<String> output) {
		synchronized (output) {
			return String.join(System.lineSeparator(), output);
		}
	}

}
