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
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one script of {@code src/test/node} against a running app ({@code node <script> <baseUrl> <token>}) and
 * requires it to pass within two minutes, its output logged line by line.
 */
final class NodeScripts {

	private static final long TIMEOUT_SECONDS = 120;

	private static final Log logger = LogFactory.getLog(NodeScripts.class);

	private NodeScripts() {
	}

	static void run(int port, String token, String script, Consumer<String> onLine) throws Exception {
		Path directory = Path.of(System.getProperty("interop.node.dir", "src/test/node")).toAbsolutePath();
		assertThat(directory.resolve("node_modules/@bluelibs/runner"))
			.as("Node modules missing: run 'npm ci' in %s, or build with Maven", directory)
			.isDirectory();
		String baseUrl = "http://127.0.0.1:" + port + "/__runner";
		Process process = new ProcessBuilder("node", script, baseUrl, token).directory(directory.toFile())
			.redirectErrorStream(true)
			.start();
		List<String> output = Collections.synchronizedList(new ArrayList<>());
		Thread pump = new Thread(() -> pump(process, output, onLine), "node-interop-output");
		pump.start();
		boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		pump.join(TimeUnit.SECONDS.toMillis(10));
		assertThat(finished).as("node %s did not finish within %ss:%n%s", script, TIMEOUT_SECONDS, text(output))
			.isTrue();
		assertThat(process.exitValue()).as("node %s failed:%n%s", script, text(output)).isZero();
	}

	private static void pump(Process process, List<String> output, Consumer<String> onLine) {
		try (BufferedReader reader = process.inputReader(StandardCharsets.UTF_8)) {
			reader.lines().forEach((line) -> {
				output.add(line);
				logger.info("[node] " + line);
				onLine.accept(line);
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String text(List<String> output) {
		synchronized (output) {
			return String.join(System.lineSeparator(), output);
		}
	}

}
