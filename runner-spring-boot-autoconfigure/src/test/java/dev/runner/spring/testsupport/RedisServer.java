package dev.runner.spring.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} (Debian's package; {@code .ci/run} installs it) on a free loopback port, with no state on
 * disk, for the broker's tests: register it as a static {@code @RegisterExtension} field before the servers that use
 * it, and pass {@link #property()} to them. {@link #stop()} and {@link #start()} kill and restart it on the same port.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

	private final int port = freePort();

	private @Nullable Process process;

	/** The Spring property that points Boot's Redis client at this server. */
	public String property() {
		return "spring.data.redis.port=" + this.port;
	}

	public int port() {
		return this.port;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/** Starts the server and waits until it answers {@code PING}. */
	public void start() {
		String binary = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")
			.stream()
			.filter((path) -> Files.isExecutable(Path.of(path)))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"redis-server is missing: apt-get install -y redis-server (.ci/run installs it)"));
		try {
			this.process = new ProcessBuilder(binary, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--protected-mode", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("redis-server did not start", ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!"+PONG".equals(command("PING"))) {
			if (System.nanoTime() > deadline) {
				stop();
				throw new IllegalStateException("redis-server on port " + this.port + " did not answer within 10 s");
			}
			sleep(20);
		}
	}

	/** Kills the server at once (SIGKILL), as a crash would. */
	public void stop() {
		Process process = this.process;
		if (process != null) {
			process.destroyForcibly();
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/**
	 * Sends one inline command and returns the first line of the answer, {@code null} when the server is not up.
	 */
	public @Nullable String command(String command) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(2_000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = in.read()) != -1 && b != '\n') {
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Returns the number of Redis channels with a subscriber whose names start with the prefix
	 * ({@code PUBSUB CHANNELS prefix*}).
	 */
	public int channels(String prefix) {
		String answer = command("PUBSUB CHANNELS " + prefix + "*");
		if (answer == null || !answer.startsWith("*")) {
			throw new IllegalStateException("PUBSUB CHANNELS answered " + answer);
		}
		return Integer.parseInt(answer.substring(1));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
