package dev.runner.spring.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerStreamResponse;
import dev.runner.spring.core.EventDescriptor;
import dev.runner.spring.core.RequestBodyArgument;
import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.TaskDescriptor;
import dev.runner.spring.serializer.RunnerSerializer;
import dev.runner.spring.web.multipart.MultipartException;
import dev.runner.spring.web.multipart.MultipartLimits;
import dev.runner.spring.web.multipart.MultipartTaskReader;

/**
 * Serves every request under the base path, in the order of checks of tunnel-http.md §2.3: CORS preflight, request
 * id, route, method, authentication, allow-list, registration, body, execution, response. Every response but the
 * preflight carries the request id, the security headers of §10 and the CORS headers of §7.
 *
 * @since 0.1.0
 */
public final class RunnerTunnelHandler implements WebHandler {

	/** Exchange attribute holding the {@link TunnelRoute} resolved by {@link RunnerHandlerMapping}. */
	public static final String ROUTE_ATTRIBUTE = RunnerTunnelHandler.class.getName() + ".route";

	private final RunnerRegistry registry;

	private final RunnerExecution execution;

	private final RunnerSerializer serializer;

	private final TunnelAuthenticator authenticator;

	private final TunnelExposure exposure;

	private final TunnelCors cors;

	private final boolean discoveryEnabled;

	private final boolean asyncContextEnabled;

	private final TunnelBodyReader bodyReader;

	private final TunnelResponses responses;

	private final MultipartTaskReader multipart;

	private final Supplier<byte[]> discoveryBody;

	private TunnelRefusalListener refusalListener = (errorCode) -> {
	};

	private StreamReadTimeout streamReadTimeout = new StreamReadTimeout(Duration.ofSeconds(30));

	/**
	 * Creates the handler.
	 * @param registry the tasks and events
	 * @param execution runs tasks and emits events
	 * @param serializer the runner serializer
	 * @param authenticator authenticates requests
	 * @param exposure the allow-list
	 * @param cors the CORS policy
	 * @param discoveryEnabled whether {@code BASE/discovery} answers (else 404)
	 * @param maxJsonSize the JSON body limit in bytes
	 * @param readTimeout the longest time to receive a body
	 * @param asyncContextEnabled whether handlers may read the {@code x-runner-context} header's values
	 * @param multipartLimits the limits of multipart requests
	 */
	public RunnerTunnelHandler(RunnerRegistry registry, RunnerExecution execution, RunnerSerializer serializer,
			TunnelAuthenticator authenticator, TunnelExposure exposure, TunnelCors cors, boolean discoveryEnabled,
			int maxJsonSize, Duration readTimeout, boolean asyncContextEnabled, MultipartLimits multipartLimits) {
		this.asyncContextEnabled = asyncContextEnabled;
		this.registry = registry;
		this.execution = execution;
		this.serializer = serializer;
		this.authenticator = authenticator;
		this.exposure = exposure;
		this.cors = cors;
		this.discoveryEnabled = discoveryEnabled;
		this.bodyReader = new TunnelBodyReader(serializer, maxJsonSize, readTimeout);
		this.responses = new TunnelResponses(serializer);
		this.multipart = new MultipartTaskReader(serializer, multipartLimits, TunnelStreams::isStream);
		this.discoveryBody = SingletonSupplier.of(() -> serializer.encode(discovery(exposure)));
	}

	private static Map<String, Object> discovery(TunnelExposure exposure) {
		Map<String, Object> allowList = new LinkedHashMap<>();
		allowList.put("enabled", true);
		allowList.put("tasks", exposure.taskIds());
		allowList.put("events", exposure.eventIds());
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("ok", true);
		envelope.put("result", Map.of("allowList", allowList));
		return envelope;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() == HttpMethod.OPTIONS) {
			return preflight(exchange);
		}
		String requestId = TunnelRequestIds.resolve(request.getHeaders().get(TunnelRequestIds.HEADER));
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set(TunnelRequestIds.HEADER, requestId);
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("X-Frame-Options", "DENY");
		this.cors.applyActual(request.getHeaders(), headers);
		TunnelRoute route = exchange.getAttributeOrDefault(ROUTE_ATTRIBUTE, TunnelRoute.NOT_FOUND);
		Mono<Void> result = switch (route.kind()) {
			case TASK -> task(exchange, route.id(), requestId);
			case EVENT -> event(exchange, route.id(), requestId);
			case DISCOVERY -> discovery(exchange, requestId);
			case NOT_FOUND -> Mono.error(TunnelException.notFound());
		};
		return result.onErrorResume((ex) -> {
			Mono<Void> answer = this.responses.error(exchange, requestId, ex);
			if (ex instanceof TunnelException refusal) {
				this.refusalListener.refused(refusal.code());
				if (refusal.beforeBody() && declaresBody(request)) {
					return discardBody(exchange).then(answer);
				}
			}
			return answer;
		});
	}

	private static boolean declaresBody(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

	/**
	 * Reads and drops the body of a request refused before its body was read, so that the request is over when its
	 * answer is: on a kept-alive connection, a next request arriving while the previous one is still receiving its
	 * body is queued by Reactor Netty, and 1.3.7 can stop reading the connection after such a queued request
	 * (reactor-netty#4347), leaving the call after it unanswered. Node's HTTP server also reads the rest of a body it
	 * did not need. A body over the JSON size limit, or slower than the read timeout, is not waited for: the answer
	 * then closes the connection.
	 */
	private Mono<Void> discardBody(ServerWebExchange exchange) {
		return this.bodyReader.discard(exchange.getRequest()).onErrorResume((ex) -> {
			exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
			return Mono.empty();
		});
	}

	/**
	 * Sets who is told about requests refused before dispatch (for metrics).
	 * @param refusalListener the listener
	 */
	public void setRefusalListener(TunnelRefusalListener refusalListener) {
		this.refusalListener = refusalListener;
	}

	/**
	 * Sets the read timeout of multipart and octet-stream bodies: the longest time the client may send nothing while
	 * the body is waited for (30 seconds by default). A body idle for longer fails with 408 {@code REQUEST_TIMEOUT}
	 * when the response has not started.
	 * @param timeout the timeout, positive
	 */
	public void setStreamReadTimeout(Duration timeout) {
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.streamReadTimeout = new StreamReadTimeout(timeout);
	}

	private Mono<Void> preflight(ServerWebExchange exchange) {
		preparePreflight(exchange);
		return exchange.getResponse().setComplete();
	}

	/**
	 * Sets the status and headers of a preflight answer (tunnel-http.md §7): 204, the CORS preflight headers, an empty
	 * body. Called by the handler for any {@code OPTIONS}, and by {@link RunnerHandlerMapping} for the CORS preflights
	 * that Spring's {@code DispatcherHandler} answers without calling a handler.
	 * @param exchange the exchange of an {@code OPTIONS} request under the base path
	 */
	void preparePreflight(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.NO_CONTENT);
		this.cors.applyPreflight(exchange.getRequest().getHeaders(), response.getHeaders());
		response.getHeaders().setContentLength(0);
	}

	private Mono<Void> discovery(ServerWebExchange exchange, String requestId) {
		if (!this.discoveryEnabled) {
			return Mono.error(TunnelException.notFound());
		}
		if (exchange.getRequest().getMethod() != HttpMethod.GET) {
			return Mono.error(TunnelException.methodNotAllowed());
		}
		return this.authenticator.authenticate(exchange.getRequest(), requestId)
			.then(Mono.defer(() -> this.responses.bytes(exchange, 200, this.discoveryBody.get())));
	}

	private Mono<Void> task(ServerWebExchange exchange, String id, String requestId) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.POST) {
			return Mono.error(TunnelException.methodNotAllowed());
		}
		return this.authenticator.authenticate(request, requestId).flatMap((authentication) -> {
			if (!this.exposure.servesTask(id)) {
				return Mono.error(TunnelException.notExposed("Task", id));
			}
			TaskDescriptor task = this.registry.task(id);
			if (task == null) {
				return Mono.error(TunnelException.notRegistered("Task", id));
			}
			return switch (TunnelMode.of(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
				case JSON -> {
					TunnelRunnerContext context = context(requestId, exchange, authentication);
					yield this.bodyReader.read(request)
						.flatMap((body) -> this.execution.runTask(task, TunnelBodies.taskInput(body.value()), context))
						.flatMap((result) -> respond(exchange, id, result));
				}
				case MULTIPART -> {
					ServerWebExchange streamed = streamed(exchange, MultipartException::readTimeout);
					TunnelRunnerContext context = context(requestId, exchange, authentication);
					yield this.multipart
						.handle(streamed, (input) -> this.execution.runTask(task, input, context),
								(result) -> respond(exchange, id, result))
						.onErrorMap(MultipartException.class,
								(ex) -> new TunnelException(ex.status(), ex.code(), ex.getMessage()));
				}
				case OCTET_STREAM -> {
					exchange.getAttributes().put(RequestBodyArgument.ATTRIBUTE, Boolean.TRUE);
					ServerWebExchange streamed = streamed(exchange, TunnelException::readTimeout);
					yield this.execution.runTask(task, null, context(requestId, streamed, authentication))
						.flatMap((result) -> respond(exchange, id, result));
				}
			};
		});
	}

	/**
	 * Returns the exchange whose request body a multipart or octet-stream call reads: under the stream read timeout,
	 * and watched so that an answer that starts before the whole body was received closes the connection (the rest
	 * of the body is not read; see {@link #discardBody}).
	 */
	private ServerWebExchange streamed(ServerWebExchange exchange, Supplier<? extends Throwable> timeoutError) {
		AtomicBoolean received = new AtomicBoolean();
		ServerHttpRequest request = exchange.getRequest();
		if (declaresBody(request)) {
			exchange.getResponse().beforeCommit(() -> {
				if (!received.get()) {
					exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
				}
				return Mono.empty();
			});
		}
		return exchange.mutate()
			.request(this.streamReadTimeout.apply(request, timeoutError, () -> received.set(true)))
			.build();
	}

	/**
	 * Answers a task's result: as a stream (§4.2), as an envelope (§4.1), or not at all when the task wrote the
	 * response itself.
	 */
	private Mono<Void> respond(ServerWebExchange exchange, String id, Object result) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.empty();
		}
		RunnerStreamResponse stream = TunnelStreams.asStream(result);
		return (stream != null) ? TunnelStreams.write(exchange, stream) : this.responses.result(exchange, id, result);
	}

	private Mono<Void> event(ServerWebExchange exchange, String id, String requestId) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.POST) {
			return Mono.error(TunnelException.methodNotAllowed());
		}
		return this.authenticator.authenticate(request, requestId).flatMap((authentication) -> {
			if (!this.exposure.servesEvent(id)) {
				return Mono.error(TunnelException.notExposed("Event", id));
			}
			EventDescriptor event = this.registry.event(id);
			if (event == null) {
				return Mono.error(TunnelException.notRegistered("Event", id));
			}
			return this.bodyReader.read(request).flatMap((body) -> {
				boolean returnPayload = TunnelBodies.returnPayload(body.value());
				if (returnPayload && event.parallel()) {
					return Mono.error(new TunnelException(400, "PARALLEL_EVENT_RETURN_UNSUPPORTED",
							"Event " + id + " is marked parallel; returning a payload is not supported."));
				}
				return this.execution
					.emit(event, TunnelBodies.eventPayload(body.value()), context(requestId, exchange, authentication))
					.flatMap((payload) -> returnPayload ? this.responses.result(exchange, id, payload)
							: this.responses.ok(exchange));
			});
		});
	}

	private TunnelRunnerContext context(String requestId, ServerWebExchange exchange,
			RunnerAuthentication authentication) {
		return new TunnelRunnerContext(requestId, exchange, authentication, this.serializer, this.asyncContextEnabled);
	}

}
