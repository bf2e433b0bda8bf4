package dev.runner.spring.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

import dev.runner.spring.web.TunnelDirectRoute;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Reactor Netty server on loopback running one configuration of the starter (a JUnit extension: declare it as a
 * static {@code @RegisterExtension} field and it runs once for the test class), a raw-socket HTTP/1.1 client for it
 * (exact request targets, exact response bytes), and the header assertions of docs/tunnel-http.md §4.1.
 */
public final class TunnelServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	/** Request headers {@code H} of docs/tunnel-http.md §18. */
	public static final String[] H = { "x-runner-token", "secret", "content-type", "application/json" };

	/** Canonical lowercase UUID v4, the form of a generated request id (§9). */
	public static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

	private static final List<String> EXPECTED_FAILURE_LOGGERS = List.of("dev.runner.spring.core.RunnerExecution",
			"dev.runner.spring.web.TunnelResponses", "reactor.netty.http.server.HttpServerOperations",
			"org.springframework.web.server.adapter.HttpWebHandlerAdapter");

	private static final String[] DEFAULT_PROPERTIES = { "server.port=0", "server.address=127.0.0.1",
			"spring.main.banner-mode=off" };

	/** Spring Security is on the test class path; only {@link #withSpringSecurity()} servers apply it. */
	private static final String WITHOUT_SECURITY = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration";

	private boolean springSecurity;

	private final Class<?> configuration;

	private final String[] properties;

	private final Map<String, @Nullable Level> silenced = new LinkedHashMap<>();

	private @Nullable ConfigurableApplicationContext context;

	private int port;

	/**
	 * Set to {@code true} (the build's {@code direct-route} test execution does), every server serves the tunnel on
	 * its direct route (docs/tunnel-http.md §2.6), so that the same tests hold for both routes.
	 */
	public static final String DIRECT_ROUTE_PROPERTY = "runner.test.direct-route";

	private TunnelServer(Class<?> configuration, String[] properties) {
		this.configuration = configuration;
		String[] route = Boolean.getBoolean(DIRECT_ROUTE_PROPERTY) ? new String[] { "runner.direct-route.enabled=true" }
				: new String[0];
		this.properties = Stream.of(Arrays.stream(DEFAULT_PROPERTIES), Arrays.stream(route), Arrays.stream(properties))
			.flatMap((stream) -> stream)
			.toArray(String[]::new);
	}

	/**
	 * A server, to register as a static {@code @RegisterExtension} field: it starts before the class's tests, stops
	 * after them, and clears the {@link ProfileP.Recorder} (if any) before each test.
	 * @param configuration the handler beans ({@code @Import}s allowed), next to auto-configuration
	 * @param properties extra {@code key=value} properties
	 */
	public static TunnelServer of(Class<?> configuration, String... properties) {
		return new TunnelServer(configuration, properties);
	}

	/**
	 * Turns off, while the server runs, the log lines of the failures its tests provoke on purpose: the failure
	 * line of each failed execution, the tunnel's own failures, and Reactor Netty's and WebFlux's lines about
	 * malformed or aborted requests. What a test expects is asserted, not read in the build output.
	 * @return this server
	 */
	public TunnelServer silencingExpectedFailures() {
		for (String logger : EXPECTED_FAILURE_LOGGERS) {
			this.silenced.put(logger, null);
		}
		return this;
	}

	/**
	 * Applies Spring Security's auto-configuration (Spring Security is on the test class path, and other servers
	 * leave it out).
	 * @return this server
	 */
	public TunnelServer withSpringSecurity() {
		this.springSecurity = true;
		return this;
	}

	@Override
	public void beforeAll(ExtensionContext extensionContext) {
		this.context = new SpringApplicationBuilder(TestApplication.class, this.configuration)
			.web(WebApplicationType.REACTIVE)
			.properties(this.properties)
			.properties(this.springSecurity ? new String[0] : new String[] { WITHOUT_SECURITY })
			.run();
		this.port = ((ReactiveWebServerApplicationContext) this.context).getWebServer().getPort();
		if (Arrays.asList(this.properties).contains("runner.direct-route.enabled=true")) {
			Assert.state(this.context.getBeanProvider(TunnelDirectRoute.class).getIfAvailable() != null,
					"runner.direct-route.enabled=true but no direct route");
		}
		this.silenced.replaceAll((name, level) -> {
			Logger logger = (Logger) LoggerFactory.getLogger(name);
			Level previous = logger.getLevel();
			logger.setLevel(Level.OFF);
			return previous;
		});
	}

	@Override
	public void beforeEach(ExtensionContext extensionContext) {
		context().getBeanProvider(ProfileP.Recorder.class).ifAvailable(ProfileP.Recorder::clear);
	}

	@Override
	public void afterAll(ExtensionContext extensionContext) {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
		this.silenced.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
	}

	/** The headers {@link #H} followed by {@code extra} name/value pairs. */
	public static String[] withH(String... extra) {
		return Stream.concat(Arrays.stream(H), Arrays.stream(extra)).toArray(String[]::new);
	}

	public <T> T bean(Class<T> type) {
		return context().getBean(type);
	}

	/** The port the server listens on, on loopback. */
	public int port() {
		return this.port;
	}

	private ConfigurableApplicationContext context() {
		Assert.state(this.context != null, "Not started: register it with @RegisterExtension on a static field");
		return this.context;
	}

	/** {@code POST target} with the headers {@link #H} and a UTF-8 body. */
	public Reply post(String target, String body) {
		return request("POST", target, body, H);
	}

	/**
	 * One request on a fresh connection with {@code Connection: close}; the reply is read up to the server's close.
	 * @param body the UTF-8 body sent with a {@code Content-Length}, or {@code null} for none
	 * @param headers name/value pairs, sent as given
	 */
	public Reply request(String method, String target, @Nullable String body, String... headers) {
		return exchange(method, target, (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null, false, headers);
	}

	/** Like {@link #request} with a binary body, optionally sent with chunked framing. */
	public Reply exchange(String method, String target, byte @Nullable [] body, boolean chunked, String... headers) {
		try (Connection connection = connect()) {
			return connection.exchange(method, target, body, chunked, true, headers);
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + target + " failed", ex);
		}
	}

	/** Opens a persistent connection, for several requests or a hand-made one. */
	public Connection connect() throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port);
		socket.setSoTimeout(20_000);
		socket.setTcpNoDelay(true); // a head and a body written apart are not held back for an acknowledgement
		return new Connection(socket);
	}

	/**
	 * Asserts the status, the exact body and the JSON response headers of §4.1 that hold for every configuration:
	 * exact content-type, exact content-length, nosniff, DENY, a request id, and nothing after the body.
	 */
	public static void assertJson(Reply reply, int status, String body) {
		assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
		assertThat(reply.text()).as("body of %s", reply).isEqualTo(body);
		assertThat(reply.headerValues("content-type")).as("content-type of %s", reply)
			.containsExactly("application/json; charset=utf-8");
		assertThat(reply.headerValues("content-length")).as("content-length of %s", reply)
			.containsExactly(String.valueOf(reply.body().length));
		assertThat(reply.header("transfer-encoding")).as("transfer-encoding of %s", reply).isNull();
		assertThat(reply.headerValues("x-content-type-options")).as("nosniff of %s", reply).containsExactly("nosniff");
		assertThat(reply.headerValues("x-frame-options")).as("frame options of %s", reply).containsExactly("DENY");
		assertThat(reply.headerValues("x-runner-request-id")).as("request id of %s", reply).hasSize(1);
		assertThat(reply.trailing()).as("bytes after the body of %s", reply).isZero();
	}

	/**
	 * {@link #assertJson} plus what profile P implies for a caller that sent no request id and no CORS config: a
	 * generated UUID v4 request id and {@code Access-Control-Allow-Origin: *}.
	 */
	public static void assertEnvelope(Reply reply, int status, String body) {
		assertJson(reply, status, body);
		assertThat(reply.header("x-runner-request-id")).as("request id of %s", reply).matches(UUID_V4);
		assertThat(reply.headerValues("access-control-allow-origin")).as("ACAO of %s", reply).containsExactly("*");
	}

	/** The 404 of a request the tunnel does not answer: no envelope and no request id (docs/tunnel-http.md §2.5). */
	public static void assertNotHandled(Reply reply) {
		assertThat(reply.status()).as("status of %s", reply).isEqualTo(404);
		assertThat(reply.text()).as("body of %s", reply).doesNotContain("\"ok\":false");
		assertThat(reply.header("x-runner-request-id")).as("request id of %s", reply).isNull();
	}

	public static String error(String message, String code) {
		return "{\"ok\":false,\"error\":{\"message\":\"" + message + "\",\"code\":\"" + code + "\"}}";
	}

	public static String ok(String result) {
		return "{\"ok\":true,\"result\":" + result + "}";
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

	/**
	 * One HTTP/1.1 connection: requests are written byte for byte, replies are read by their framing.
	 */
	public static final class Connection implements Closeable {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		private Connection(Socket socket) throws IOException {
			this.socket = socket;
			this.in = new BufferedInputStream(socket.getInputStream());
			this.out = socket.getOutputStream();
		}

		/**
		 * Sends a request and reads its reply. The body is written on another thread, so a server that answers
		 * before reading it all (413) is still read.
		 * @param close whether to send {@code Connection: close} and then read up to the end of the stream
		 */
		public Reply exchange(String method, String target, byte @Nullable [] body, boolean chunked, boolean close,
				String... headers) throws IOException {
			StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			head.append("Host: localhost:").append(this.socket.getPort()).append("\r\n");
			for (int i = 0; i < headers.length; i += 2) {
				head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
			}
			if (chunked) {
				head.append("Transfer-Encoding: chunked\r\n");
			}
			else if (body != null) {
				head.append("Content-Length: ").append(body.length).append("\r\n");
			}
			if (close) {
				head.append("Connection: close\r\n");
			}
			head.append("\r\n");
			writeRaw(head.toString());
			CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> writeBody(body, chunked));
			Reply reply = read(method);
			writing.exceptionally((ex) -> null).join();
			return close ? reply.withTrailing(drain()) : reply;
		}

		/** Writes text as is (ISO-8859-1), for hand-made requests. */
		public void writeRaw(String text) throws IOException {
			this.out.write(text.getBytes(StandardCharsets.ISO_8859_1));
			this.out.flush();
		}

		/** Writes bytes as they are, for hand-made requests. */
		public void writeRaw(byte[] bytes) throws IOException {
			this.out.write(bytes);
			this.out.flush();
		}

		/** Closes the connection with a reset (no orderly close), as a crashed client or a proxy timing out does. */
		public void abort() throws IOException {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}

		/** Half-closes the connection: the server sees the end of the request stream. */
		public void shutdownOutput() throws IOException {
			this.socket.shutdownOutput();
		}

		/** Reads one reply, or returns {@code null} when the server closed the connection without answering. */
		public @Nullable Reply readIfAny(String method) throws IOException {
			try {
				return read(method);
			}
			catch (EOFException | SocketException ex) {
				return null;
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

		private void writeBody(byte @Nullable [] body, boolean chunked) {
			try {
				byte[] bytes = (body != null) ? body : new byte[0];
				if (!chunked) {
					this.out.write(bytes);
				}
				else {
					for (int offset = 0; offset < bytes.length; offset += 65_536) {
						int length = Math.min(65_536, bytes.length - offset);
						this.out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
						this.out.write(bytes, offset, length);
						this.out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
					}
					this.out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				}
				this.out.flush();
			}
			catch (IOException ex) {
				// the server answered and closed before reading everything; its reply is what counts
			}
		}

		private Reply read(String method) throws IOException {
			String statusLine = line();
			String[] parts = statusLine.split(" ", 3);
			if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
				throw new IOException("Not an HTTP status line: " + statusLine);
			}
			int status = Integer.parseInt(parts[1]);
			List<String[]> headers = new ArrayList<>();
			for (String line = line(); !line.isEmpty(); line = line()) {
				int colon = line.indexOf(':');
				headers.add(new String[] { line.substring(0, colon).trim(), line.substring(colon + 1).trim() });
			}
			Reply reply = new Reply(status, headers, new byte[0], 0);
			if (method.equals("HEAD") || status == 204 || status == 304 || status < 200) {
				return reply;
			}
			String length = reply.header("content-length");
			if ("chunked".equalsIgnoreCase(reply.header("transfer-encoding"))) {
				return reply.withBody(chunks());
			}
			if (length != null) {
				return reply.withBody(this.in.readNBytes(Integer.parseInt(length)));
			}
			return reply.withBody(this.in.readAllBytes());
		}

		private byte[] chunks() throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			for (int size = chunkSize(); size > 0; size = chunkSize()) {
				body.write(this.in.readNBytes(size));
				line();
			}
			for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
				// trailers are ignored
			}
			return body.toByteArray();
		}

		private int chunkSize() throws IOException {
			String line = line();
			int extension = line.indexOf(';');
			return Integer.parseInt((extension >= 0) ? line.substring(0, extension) : line, 16);
		}

		private String line() throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
				if (b == -1) {
					throw new EOFException("Connection closed after " + line);
				}
				if (b != '\r') {
					line.write(b);
				}
			}
			return line.toString(StandardCharsets.ISO_8859_1);
		}

		/**
		 * Counts the bytes up to the end of the stream. A reset ends it too: a server that closes without reading all
		 * of a request (a 404 or 413 before the body) makes the client's kernel answer the rest with a reset.
		 */
		private int drain() throws IOException {
			int count = 0;
			try {
				for (int b = this.in.read(); b != -1; b = this.in.read()) {
					count++;
				}
			}
			catch (SocketTimeoutException ex) {
				throw new IOException("The server kept the connection open after 'Connection: close'", ex);
			}
			catch (SocketException ex) {
				// reset after the reply
			}
			return count;
		}

	}

	/**
	 * A reply as received: status, headers in order, body bytes, and how many bytes followed the framed body before
	 * the server closed the connection.
	 */
	public record Reply(int status, List<String[]> headers, byte[] body, int trailing) {

		public @Nullable String header(String name) {
			List<String> values = headerValues(name);
			return values.isEmpty() ? null : values.get(0);
		}

		public List<String> headerValues(String name) {
			return this.headers.stream().filter((h) -> h[0].equalsIgnoreCase(name)).map((h) -> h[1]).toList();
		}

		/** The lowercase tokens of all {@code Vary} headers. */
		public List<String> varyTokens() {
			return headerValues("vary").stream()
				.flatMap((value) -> Arrays.stream(value.split(",")))
				.map((token) -> token.trim().toLowerCase(Locale.ROOT))
				.toList();
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		Reply withBody(byte[] body) {
			return new Reply(this.status, this.headers, body, this.trailing);
		}

		Reply withTrailing(int trailing) {
			return new Reply(this.status, this.headers, this.body, trailing);
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder("HTTP ").append(this.status);
			this.headers.forEach((h) -> text.append("\n  ").append(h[0]).append(": ").append(h[1]));
			String body = text();
			text.append("\n  ").append((body.length() > 600) ? body.substring(0, 600) + "…" : body);
			return text.toString();
		}

	}

}
