package dev.runner.bench.bare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.runner.bench.BenchData;
import dev.runner.bench.BenchHeap;
import dev.runner.bench.BenchData.AddInput;
import dev.runner.bench.BenchData.Ping;

/**
 * The bare WebFlux server of the load benchmark, the framework's ceiling: the same endpoints as the starter, hard-coded
 * in one {@link RouterFunction}. Each route checks the token, parses the body with Jackson into a record and answers
 * the protocol's envelope with the headers the starter sends (content type with charset, request id, nosniff, DENY,
 * {@code Access-Control-Allow-Origin: *}). No runner code is involved: the runner auto-configurations are excluded.
 * It also serves the socket benchmark's broadcaster ({@link BareSocketBroadcast}, {@code /ws}) and the heap probe
 * ({@link BenchHeap}).
 *
 * @since 0.1.0
 */
@SpringBootApplication(excludeName = { "dev.runner.spring.autoconfigure.RunnerAutoConfiguration",
		"dev.runner.spring.autoconfigure.RunnerWebFluxAutoConfiguration" })
public class BareBenchApplication {

	private static final MediaType JSON_UTF8 = MediaType.parseMediaType("application/json; charset=utf-8");

	private static final byte[] TOKEN = BenchData.TOKEN.getBytes(StandardCharsets.UTF_8);

	private final LongAdder pings = new LongAdder();

	@Bean
	RouterFunction<ServerResponse> benchHeapRoute() {
		return BenchHeap.route();
	}

	@Bean
	HandlerMapping bareSocketBroadcast() {
		return BareSocketBroadcast.mapping();
	}

	@Bean
	RouterFunction<ServerResponse> bareRunnerRoutes() {
		String base = BenchData.BASE_PATH;
		return RouterFunctions.route()
			.POST(base + "/task/bench.add", this::add)
			.POST(base + "/task/bench.addPlain", this::addPlain)
			.POST(base + "/task/bench.hi", this::hi)
			.POST(base + "/task/bench.block", this::block)
			.POST(base + "/event/bench.ping", this::ping)
			.POST(base + "/event/bench.pingPlain", this::pingPlain)
			.filter((request, next) -> authorized(request) ? next.handle(request) : unauthorized())
			.build();
	}

	private Mono<ServerResponse> add(ServerRequest request) {
		return request.bodyToMono(AddBody.class).flatMap((body) -> ok(new Result(true, sum(body.input()))));
	}

	private Mono<ServerResponse> addPlain(ServerRequest request) {
		return request.bodyToMono(AddBody.class)
			.flatMap((body) -> Mono.fromCallable(() -> sum(body.input())).subscribeOn(Schedulers.boundedElastic()))
			.flatMap((sum) -> ok(new Result(true, sum)));
	}

	private Mono<ServerResponse> hi(ServerRequest request) {
		return request.bodyToMono(Object.class)
			.then(Mono.defer(() -> ok(new Result(true, BenchData.ITEMS))));
	}

	private Mono<ServerResponse> block(ServerRequest request) {
		return request.bodyToMono(AddBody.class).flatMap((body) -> Mono.fromCallable(() -> {
			Thread.sleep(1);
			return sum(body.input());
		}).subscribeOn(Schedulers.boundedElastic())).flatMap((sum) -> ok(new Result(true, sum)));
	}

	private Mono<ServerResponse> ping(ServerRequest request) {
		return request.bodyToMono(EventBody.class).flatMap((body) -> {
			this.pings.add(body.payload().n());
			return ok(new OkOnly(true));
		});
	}

	private Mono<ServerResponse> pingPlain(ServerRequest request) {
		return request.bodyToMono(EventBody.class)
			.flatMap((body) -> Mono.fromRunnable(() -> this.pings.add(body.payload().n()))
				.subscribeOn(Schedulers.boundedElastic())
				.then(ok(new OkOnly(true))));
	}

	private static int sum(AddInput input) {
		return input.a() + input.b();
	}

	private static boolean authorized(ServerRequest request) {
		String token = request.headers().firstHeader("x-runner-token");
		return token != null && MessageDigest.isEqual(TOKEN, token.getBytes(StandardCharsets.UTF_8));
	}

	private static Mono<ServerResponse> unauthorized() {
		return ServerResponse.status(HttpStatus.UNAUTHORIZED)
			.contentType(JSON_UTF8)
			.bodyValue(new ErrorResult(false, new Error("Unauthorized", "UNAUTHORIZED")));
	}

	private static Mono<ServerResponse> ok(Object body) {
		return ServerResponse.ok()
			.contentType(JSON_UTF8)
			.header("x-runner-request-id", requestId())
			.header("X-Content-Type-Options", "nosniff")
			.header("X-Frame-Options", "DENY")
			.header("Access-Control-Allow-Origin", "*")
			.bodyValue(body);
	}

	private static String requestId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
				(random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
			.toString();
	}

	record AddBody(AddInput input) {
	}

	record EventBody(Ping payload) {
	}

	record Result(boolean ok, Object result) {
	}

	record OkOnly(boolean ok) {
	}

	record ErrorResult(boolean ok, Error error) {
	}

	record Error(String message, String code) {
	}

}
