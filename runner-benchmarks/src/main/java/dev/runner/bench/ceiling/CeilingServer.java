package dev.runner.bench.ceiling;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.runner.bench.BenchData;

/**
 * The ceiling of the HTTP benchmark: a plain Reactor Netty {@link HttpServer}, no Spring, doing the least work that
 * gives the benchmark's answers byte for byte: the token compared, the JSON body parsed with Jackson, the envelope
 * written with Jackson ({@code hi}'s 200 records serialized on every request, as every other server does). No request
 * id, no security or CORS headers, no observation: what the starter adds on top of this is what it costs.
 * <p>
 * {@code java -cp ... dev.runner.bench.BenchServers ceiling PORT}
 *
 * @since 0.2.0
 */
public final class CeilingServer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] UNAUTHORIZED = "{\"ok\":false,\"error\":{\"message\":\"Unauthorized\",\"code\":\"UNAUTHORIZED\"}}"
		.getBytes(StandardCharsets.UTF_8);

	private static final byte[] INVALID = "{\"ok\":false,\"error\":{\"message\":\"Invalid JSON body\",\"code\":\"INVALID_JSON\"}}"
		.getBytes(StandardCharsets.UTF_8);

	private static final byte[] OK = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

	private final LongAdder pings = new LongAdder();

	private CeilingServer() {
	}

	/**
	 * Starts the server on 127.0.0.1.
	 * @param port the port, {@code 0} for any free one
	 * @return the running server
	 */
	public static DisposableServer start(int port) {
		CeilingServer server = new CeilingServer();
		String base = BenchData.BASE_PATH;
		return HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes.post(base + "/task/bench.add", server.route(CeilingServer::add))
				.post(base + "/task/bench.addPlain", server.route(CeilingServer::add))
				.post(base + "/task/bench.hi", server.route((body) -> envelope(BenchData.ITEMS)))
				.post(base + "/task/bench.block", server.blockingRoute())
				.post(base + "/event/bench.ping", server.route(server::ping))
				.post(base + "/event/bench.pingPlain", server.route(server::ping)))
			.bindNow();
	}

	private static byte[] add(JsonNode body) {
		JsonNode input = body.get("input");
		return envelope(input.get("a").asInt() + input.get("b").asInt());
	}

	private byte[] ping(JsonNode body) {
		this.pings.add(body.get("payload").get("n").asLong());
		return OK;
	}

	private static byte[] envelope(Object result) {
		return JSON.writeValueAsBytes(new Envelope(true, result));
	}

	private java.util.function.BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> route(
			Function<JsonNode, byte[]> handler) {
		return (request, response) -> {
			if (!BenchData.TOKEN.equals(request.requestHeaders().get("x-runner-token"))) {
				return send(response, HttpResponseStatus.UNAUTHORIZED, UNAUTHORIZED);
			}
			return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
				JsonNode body;
				try {
					body = JSON.readTree(bytes);
				}
				catch (RuntimeException ex) {
					return send(response, HttpResponseStatus.BAD_REQUEST, INVALID);
				}
				return send(response, HttpResponseStatus.OK, handler.apply(body));
			});
		};
	}

	/** {@code block}: the same 1 ms wait as the others, on Reactor's timer rather than on a thread. */
	private java.util.function.BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> blockingRoute() {
		java.util.function.BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> add = route(
				CeilingServer::add);
		return (request, response) -> Mono.delay(Duration.ofMillis(1)).then(Mono.from(add.apply(request, response)));
	}

	private static Mono<Void> send(HttpServerResponse response, HttpResponseStatus status, byte[] body) {
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	private record Envelope(boolean ok, Object result) {
	}

}
