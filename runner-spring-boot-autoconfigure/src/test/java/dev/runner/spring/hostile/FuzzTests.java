package dev.runner.spring.hostile;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.runner.spring.serializer.RunnerInputConversionException;
import dev.runner.spring.serializer.RunnerSerializationException;
import dev.runner.spring.serializer.RunnerSerializer;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;
import dev.runner.spring.web.RunnerHandlerMapping;
import dev.runner.spring.web.RunnerTunnelHandler;
import dev.runner.spring.web.TunnelRoute;
import dev.runner.spring.web.TunnelRouter;
import dev.runner.spring.web.TunnelUriGuard;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing of what reads untrusted bytes: the serializer's decoder (and the encoder and converter on what it accepts),
 * the tunnel's request-body path (routing, body reading in random chunks of Netty buffers, decoding, input
 * extraction, conversion, a handler, the response), and the router's id decoding with the URI guard in front of it.
 * The only acceptable failure of a decode is {@link RunnerSerializationException}; every input must finish within
 * {@link Fuzzer#MAX_INPUT_TIME}. See {@link Fuzzer} for sizes and seeds.
 */
class FuzzTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(HostileProfile.class, ProfileP.TOKENS)
		.silencingExpectedFailures();

	private static final List<String> LEAKS = List.of("Exception", "java.", "dev.runner", "\tat ", "secret");

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());

	@Test
	void serializerDecoderThrowsOnlyItsDecodeErrorAndStaysFast() {
		Fuzzer.Figures figures = Fuzzer.run("serializer", FuzzInputs::document, (bytes) -> {
			Object decoded;
			try {
				decoded = this.serializer.decode(new ByteArrayInputStream(bytes));
			}
			catch (RunnerSerializationException ex) {
				return "rejected";
			}
			try {
				this.serializer.encode(decoded);
			}
			catch (RunnerSerializationException ex) {
				return "accepted-unencodable"; // cycles: the encoder refuses them, with its documented error
			}
			try {
				this.serializer.convert(decoded, Map.class);
				this.serializer.convert(decoded, HostileProfile.Shape.class);
			}
			catch (RunnerInputConversionException ex) {
				return "accepted";
			}
			return "accepted-as-record";
		});
		assertThat(figures.inputs - figures.count("rejected")).as("documents accepted")
			.isGreaterThan(Fuzzer.INPUTS / 5);
		assertThat(figures.count("rejected")).as("documents refused").isGreaterThan(Fuzzer.INPUTS / 5);
	}

	@Test
	void requestBodiesAnswerOnlyTheProtocolsStatuses() {
		RunnerHandlerMapping mapping = server.bean(RunnerHandlerMapping.class);
		RunnerTunnelHandler handler = server.bean(RunnerTunnelHandler.class);
		NettyDataBufferFactory buffers = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
		String[] targets = { "/__runner/task/app.tasks.echo", "/__runner/task/hostile.shape",
				"/__runner/event/app.events.notify" };
		Fuzzer.Figures figures = Fuzzer.run("request-body", FuzzInputs::document, (bytes) -> {
			Random random = new Random(bytes.length * 31L + ((bytes.length > 0) ? bytes[0] : 0));
			String target = targets[random.nextInt(targets.length)];
			MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(target)
				.header("x-runner-token", "secret")
				.header("content-type", "application/json")
				.body(chunks(buffers, bytes, random)));
			Object found = mapping.getHandler(exchange).block();
			assertThat(found).isSameAs(handler);
			handler.handle(exchange).block(Duration.ofSeconds(30));
			int status = exchange.getResponse().getStatusCode().value();
			String body = exchange.getResponse().getBodyAsString().block();
			assertThat(body).startsWith("{\"ok\":");
			LEAKS.forEach((leak) -> assertThat(body).doesNotContain(leak));
			return switch (status) {
				case 200 -> "200";
				case 400 -> (body.contains("INVALID_JSON") ? "400-invalid-json" : "400-invalid-input");
				case 500 -> {
					// allowed only for a result the encoder refuses (a cycle echoed back, docs/tunnel-http.md §4.3)
					assertThat(body).isEqualTo(TunnelServer.error("Internal Error", "INTERNAL_ERROR"));
					assertThat(encodes(bytes)).as("500 for a result that encodes").isFalse();
					yield "500-unencodable-result";
				}
				default -> throw new AssertionError("status " + status + ": " + body);
			};
		});
		assertThat(figures.count("200")).isGreaterThan(Fuzzer.INPUTS / 10);
	}

	@Test
	void routerResolvesAnyPathAndDecodesIdsOnce() {
		TunnelRouter router = new TunnelRouter("/__runner");
		TunnelUriGuard guard = new TunnelUriGuard("/__runner");
		Fuzzer.run("router", FuzzTests::path, (path) -> {
			router.route(path); // any string at all: no exception
			String guarded = guarded(guard, asReceived(path));
			if (!guarded.startsWith("/__runner")) {
				return "not-tunnel";
			}
			URI uri = new URI(guarded); // what Spring's adapter does with the target: it must not fail
			TunnelRoute route = router.route(uri.getRawPath());
			if (route == null) {
				return "outside";
			}
			if (route.kind() == TunnelRoute.Kind.TASK) {
				// encoding every byte of the id and routing again gives the id back: decoded once, not twice
				TunnelRoute again = router.route("/__runner/task/" + percentEncoded(route.id()));
				assertThat(again).isEqualTo(route);
				return "task";
			}
			return route.kind().name().toLowerCase(Locale.ROOT);
		});
	}

	private boolean encodes(byte[] bytes) {
		try {
			this.serializer.encode(this.serializer.decode(bytes));
			return true;
		}
		catch (RunnerSerializationException ex) {
			return false;
		}
	}

	private static Flux<DataBuffer> chunks(NettyDataBufferFactory factory, byte[] bytes, Random random) {
		return Flux.defer(() -> {
			List<DataBuffer> chunks = new ArrayList<>();
			for (int offset = 0; offset < bytes.length;) {
				int length = Math.min(bytes.length - offset, 1 + random.nextInt(Math.max(16, bytes.length / 2)));
				DataBuffer chunk = factory.allocateBuffer(length);
				chunk.write(bytes, offset, length);
				chunks.add(chunk);
				offset += length;
			}
			return Flux.fromIterable(chunks);
		});
	}

	private static String guarded(TunnelUriGuard guard, String target) {
		EmbeddedChannel channel = new EmbeddedChannel(guard);
		try {
			channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target));
			HttpRequest request = channel.readInbound();
			return request.uri();
		}
		finally {
			channel.finishAndReleaseAll();
		}
	}

	/**
	 * The target as Netty's decoder hands it on: the UTF-8 bytes of the request line as ISO-8859-1 characters,
	 * without white space and controls (they end or break a request line).
	 */
	private static String asReceived(String target) {
		String latin1 = new String(target.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
		return latin1.replaceAll("[\\x00-\\x20\\x7f]", "_");
	}

	private static String percentEncoded(String id) {
		StringBuilder out = new StringBuilder();
		for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
			out.append('%').append(String.format("%02X", b & 0xFF));
		}
		return out.toString();
	}

	private static final String[] SEGMENTS = { "__runner", "task", "event", "discovery", "", ".", "..", "%2e",
			"%2E%2e", ".%2e", "%2F", "%25", "%", "%E0%A4%A", "%C3%A9", "%ed%a0%80", "%F0%9F%98%80", "%ff", "%00",
			"a+b", "a b", "é", "\\", "//", "?", "#", "?x=1", "|", "\"", "app.tasks.add", "\ud83d\ude00", "\ud800" };

	/** A request target: mostly under the base path, made of tricky segments and random characters. */
	static String path(Random random) {
		StringBuilder out = new StringBuilder();
		int start = random.nextInt(10);
		out.append((start < 7) ? "/__runner/" : (start < 8) ? "/" : (start < 9) ? "//__runner/" : "/__runner");
		if (start < 6) {
			out.append(random.nextBoolean() ? "task/" : "event/");
		}
		int segments = random.nextInt(6);
		for (int i = 0; i < segments; i++) {
			if (random.nextInt(3) == 0) {
				int length = random.nextInt(6);
				for (int c = 0; c < length; c++) {
					out.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x800)));
				}
			}
			else {
				out.append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
			}
			if (random.nextInt(4) != 0) {
				out.append('/');
			}
		}
		return out.toString();
	}

}
