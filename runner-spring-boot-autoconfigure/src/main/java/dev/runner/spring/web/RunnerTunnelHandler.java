package dev.runner.spring.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import org.springframework.web.util.DisconnectedClientHelper;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.RunnerStreamResponse;
import dev.runner.spring.core.EventDescriptor;
import dev.runner.spring.core.RunnerAdmission;
import dev.runner.spring.core.RunnerAuthenticator;
import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerExposure;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.core.RunnerRequestIds;
import dev.runner.spring.core.RunnerRequestListener;
import dev.runner.spring.core.TaskDescriptor;
import dev.runner.spring.serializer.RunnerSerializer;
import dev.runner.spring.web.multipart.MultipartLimits;
import dev.runner.spring.web.multipart.MultipartTaskReader;

/**
 * Serves every request under the base path, in the order of checks of docs/tunnel-http.md §2.3: CORS preflight,
 * request id, route, method, authentication, allow-list, registration (the admission, before the body is read), then
 * the body, the execution and the response. Every response but the preflight carries the request id, the security
 * headers of §10 and the CORS headers of §7.
 * <p>
 * Failures are answered where they belong: a refusal during admission once the body has been read and dropped; a
 * refusal while the body is read as it is (both counted as refused requests); a failed execution as
 * {@link dev.runner.spring.core.RunnerError} classifies it (the execution pipeline logged it); a failure of the
 * answer itself is logged here. A client that goes away after its request was done with is counted and logged at
 * {@code DEBUG}.
 *
 * @since 0.1.0
 */
public final class RunnerTunnelHandler implements WebHandler {

	/** Exchange attribute holding the {@link TunnelRoute} resolved by {@link RunnerHandlerMapping}. */
	public static final String ROUTE_ATTRIBUTE = RunnerTunnelHandler.class.getName() + ".route";

	private static final Log logger = LogFactory.getLog(RunnerTunnelHandler.class);

	/** Reactor's context key of a local hook for errors signalled after their subscriber was done. */
	private static final String DROPPED_ERRORS_KEY = "reactor.onErrorDropped.local";

	private final RunnerAdmission admission;

	private final RunnerExecution execution;

	private final RunnerSerializer serializer;

	private final RunnerAuthenticator authenticator;

	private final TunnelCors cors;

	private final boolean discoveryEnabled;

	private final boolean asyncContextEnabled;

	private final TunnelBodyReader bodyReader;

	private final TunnelResponses responses;

	private final MultipartTaskReader multipart;

	private final Supplier<byte[]> discoveryBody;

	private final Context droppedErrors = Context.of(DROPPED_ERRORS_KEY, (Consumer<Throwable>) this::errorDropped);

	private RunnerRequestListener requestListener = (errorCode) -> {
	};

	private StreamReadTimeout streamReadTimeout = new StreamReadTimeout(Duration.ofSeconds(30));

	private @Nullable Supplier<byte[]> schemaAnswer;

	private @Nullable Supplier<byte[]> typeDeclarations;

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
	 * @param readTimeout the longest time to receive a JSON body
	 * @param asyncContextEnabled whether handlers may read the {@code x-runner-context} header's values
	 * @param multipartLimits the limits of multipart requests
	 */
	public RunnerTunnelHandler(RunnerRegistry registry, RunnerExecution execution, RunnerSerializer serializer,
			RunnerAuthenticator authenticator, RunnerExposure exposure, TunnelCors cors, boolean discoveryEnabled,
			int maxJsonSize, Duration readTimeout, boolean asyncContextEnabled, MultipartLimits multipartLimits) {
		this.asyncContextEnabled = asyncContextEnabled;
		this.admission = new RunnerAdmission(registry, exposure);
		this.execution = execution;
		this.serializer = serializer;
		this.authenticator = authenticator;
		this.cors = cors;
		this.discoveryEnabled = discoveryEnabled;
		this.bodyReader = new TunnelBodyReader(serializer, maxJsonSize, readTimeout);
		this.responses = new TunnelResponses(serializer);
		this.multipart = new MultipartTaskReader(serializer, multipartLimits, TunnelStreams::isStream);
		this.discoveryBody = SingletonSupplier.of(() -> serializer.encode(discovery(exposure)));
	}

	private static Map<String, Object> discovery(RunnerExposure exposure) {
		Map<String, Object> allowList = new LinkedHashMap<>();
		allowList.put("enabled", true);
		allowList.put("tasks", exposure.taskIds());
		allowList.put("events", exposure.eventIds());
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("ok", true);
		envelope.put("result", Map.of("allowList", allowList));
		return envelope;
	}

	/**
	 * Sets who is told about requests refused before dispatch and clients that went away (for metrics).
	 * @param requestListener the listener
	 */
	public void setRequestListener(RunnerRequestListener requestListener) {
		this.requestListener = requestListener;
	}

	/**
	 * Sets the contracts answered at {@code BASE/schema} and {@code BASE/types.d.ts} (docs/tunnel-http.md §19), with
	 * the same authentication as discovery; without them (the default) both answer 404 {@code NOT_FOUND}.
	 * @param schemaAnswer the {@code application/json} answer of {@code BASE/schema}
	 * @param typeDeclarations the TypeScript declarations, UTF-8
	 */
	public void setContracts(Supplier<byte[]> schemaAnswer, Supplier<byte[]> typeDeclarations) {
		this.schemaAnswer = schemaAnswer;
		this.typeDeclarations = typeDeclarations;
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

	@Override
	public Mono<Void> handle(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() == HttpMethod.OPTIONS) {
			return preflight(exchange);
		}
		String requestId = RunnerRequestIds.resolve(request.getHeaders().get(RunnerRequestIds.HEADER));
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set(RunnerRequestIds.HEADER, requestId);
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("X-Frame-Options", "DENY");
		this.cors.applyActual(request.getHeaders(), headers);
		TunnelRoute route = exchange.getAttributeOrDefault(ROUTE_ATTRIBUTE, TunnelRoute.NOT_FOUND);
		String id = route.id();
		Mono<Void> served = switch (route.kind()) {
			case TASK -> admitted(exchange, requestId, admit(exchange, requestId, HttpMethod.POST,
					(authentication) -> new Admitted<>(authentication, this.admission.task(id))))
				.flatMap((admitted) -> task(exchange, id, requestId, admitted));
			case EVENT -> admitted(exchange, requestId, admit(exchange, requestId, HttpMethod.POST,
					(authentication) -> new Admitted<>(authentication, this.admission.event(id))))
				.flatMap((admitted) -> event(exchange, id, requestId, admitted));
			case DISCOVERY -> admitted(exchange, requestId, this.discoveryEnabled
					? admit(exchange, requestId, HttpMethod.GET, (authentication) -> authentication)
					: Mono.error(RunnerRejectedException.notFound()))
				.flatMap((authentication) -> this.responses.bytes(exchange, 200, this.discoveryBody.get()));
			case SCHEMA -> contract(exchange, requestId, this.schemaAnswer, "application/json");
			case TYPE_DECLARATIONS -> contract(exchange, requestId, this.typeDeclarations,
					"application/typescript; charset=utf-8");
			case NOT_FOUND -> admitted(exchange, requestId, Mono.<Void>error(RunnerRejectedException.notFound()));
		};
		return served.onErrorResume((ex) -> failed(exchange, requestId, ex)).contextWrite(this.droppedErrors);
	}

	private Mono<Void> contract(ServerWebExchange exchange, String requestId, @Nullable Supplier<byte[]> body,
			String contentType) {
		return admitted(exchange, requestId, (body != null)
				? admit(exchange, requestId, HttpMethod.GET, (authentication) -> authentication)
				: Mono.error(RunnerRejectedException.notFound()))
			.flatMap((authentication) -> this.responses.bytes(exchange, 200, body.get(), contentType));
	}

	/**
	 * The checks before the body: method, authentication, then what the route names (allow-list, registration).
	 */
	private <T> Mono<T> admit(ServerWebExchange exchange, String requestId, HttpMethod method,
			Function<RunnerAuthentication, T> resolve) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != method) {
			return Mono.error(RunnerRejectedException.methodNotAllowed());
		}
		return this.authenticator
			.authenticate(request.getHeaders(), () -> RunnerAuthenticator.authRequest(request, requestId))
			.map(resolve);
	}

	/**
	 * Answers a refusal of the admission once the request's body has been read and dropped, so that the request is
	 * over when its answer is: on a kept-alive connection, a next request arriving while the previous one is still
	 * receiving its body is queued by Reactor Netty, and 1.3.7 can stop reading the connection after such a queued
	 * request (reactor-netty#4347), leaving the call after it unanswered. Node's HTTP server also reads the rest of a
	 * body it did not need. A body over the JSON size limit, or slower than the read timeout, is not waited for: the
	 * answer then closes the connection.
	 */
	private <T> Mono<T> admitted(ServerWebExchange exchange, String requestId, Mono<T> admission) {
		return admission.onErrorResume(RunnerRejectedException.class, (refusal) -> {
			this.requestListener.refused(refusal.code());
			Mono<Void> answer = this.responses.error(exchange, requestId, refusal);
			Mono<Void> discarded = declaresBody(exchange.getRequest())
					? this.bodyReader.discard(exchange.getRequest()).onErrorResume((ex) -> {
						exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
						return Mono.empty();
					}) : Mono.empty();
			return discarded.then(answer).then(Mono.empty());
		});
	}

	private static boolean declaresBody(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

	/**
	 * Answers what went wrong after the admission: the failure of an execution, a refusal while the body was read,
	 * or a failure of the tunnel's own.
	 */
	private Mono<Void> failed(ServerWebExchange exchange, String requestId, Throwable failure) {
		if (failure instanceof ExecutionFailure execution) {
			return this.responses.error(exchange, requestId, execution.getCause());
		}
		if (failure instanceof RunnerRejectedException refusal) {
			this.requestListener.refused(refusal.code());
			return this.responses.error(exchange, requestId, refusal);
		}
		return this.responses.failed(exchange, requestId, failure);
	}

	/**
	 * Handles an error that Reactor signals after its subscriber was done: the reset of a connection whose request
	 * body Reactor Netty discards after the answer (a client going away is normal: counted, logged at
	 * {@code DEBUG}), a blocking handler failing because the timeout or the client's departure interrupted it
	 * ({@code DEBUG}); anything else is logged at {@code ERROR}, as Reactor would.
	 */
	private void errorDropped(Throwable error) {
		if (DisconnectedClientHelper.isClientDisconnectedException(error)) {
			this.requestListener.disconnected();
			if (logger.isDebugEnabled()) {
				logger.debug("Runner client went away after its request was done with: " + error);
			}
		}
		else if (NestedExceptionUtils.getMostSpecificCause(error) instanceof InterruptedException) {
			logger.debug("Runner handler interrupted after its call was cancelled", error);
		}
		else {
			logger.error("Runner tunnel: error signalled after its request was done with", error);
		}
	}

	private Mono<Void> preflight(ServerWebExchange exchange) {
		preparePreflight(exchange);
		return exchange.getResponse().setComplete();
	}

	/**
	 * Sets the status and headers of a preflight answer (docs/tunnel-http.md §7): 204, the CORS preflight headers, an
	 * empty body. Called by the handler for any {@code OPTIONS}, and by {@link RunnerHandlerMapping} for the CORS
	 * preflights that Spring's {@code DispatcherHandler} answers without calling a handler.
	 * @param exchange the exchange of an {@code OPTIONS} request under the base path
	 */
	void preparePreflight(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.NO_CONTENT);
		this.cors.applyPreflight(exchange.getRequest().getHeaders(), response.getHeaders());
		response.getHeaders().setContentLength(0);
	}

	private Mono<Void> task(ServerWebExchange exchange, String id, String requestId,
			Admitted<TaskDescriptor> admitted) {
		TaskDescriptor task = admitted.descriptor();
		ServerHttpRequest request = exchange.getRequest();
		return switch (TunnelMode.of(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
			case JSON -> {
				TunnelRunnerContext context = context(requestId, exchange, admitted.authentication(), Flux.empty());
				yield this.bodyReader.read(request)
					.flatMap((body) -> executed(this.execution.runTask(task, TunnelBodies.taskInput(body.value()),
							context)))
					.flatMap((result) -> respond(exchange, id, requestId, result));
			}
			case MULTIPART -> {
				ServerWebExchange streamed = streamed(exchange);
				TunnelRunnerContext context = context(requestId, exchange, admitted.authentication(), Flux.empty());
				yield this.multipart.handle(streamed,
						(input) -> marked(this.execution.runTask(task, input, context)),
						(result) -> respond(exchange, id, requestId, result));
			}
			case OCTET_STREAM -> {
				ServerWebExchange streamed = streamed(exchange);
				TunnelRunnerContext context = context(requestId, streamed, admitted.authentication(),
						streamed.getRequest().getBody());
				yield executed(this.execution.runTask(task, null, context))
					.flatMap((result) -> respond(exchange, id, requestId, result));
			}
		};
	}

	/**
	 * Returns the exchange whose request body a multipart or octet-stream call reads: under the stream read timeout,
	 * and watched so that an answer that starts before the whole body was received closes the connection (the rest
	 * of the body is not read; see {@link #admitted}).
	 */
	private ServerWebExchange streamed(ServerWebExchange exchange) {
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
			.request(this.streamReadTimeout.apply(request, () -> received.set(true)))
			.build();
	}

	/**
	 * The outcome of an execution: its result, empty for {@code null}; its failure marked as one, since the pipeline
	 * logged it already.
	 */
	private static Mono<Optional<Object>> executed(Mono<Object> execution) {
		return marked(execution).singleOptional();
	}

	private static Mono<Object> marked(Mono<Object> execution) {
		return execution.onErrorMap(ExecutionFailure::new);
	}

	/**
	 * Answers a task's result: as a stream (§4.2), as an envelope (§4.1), or not at all when the task wrote the
	 * response itself. A failure to answer is the tunnel's own, logged here.
	 */
	private Mono<Void> respond(ServerWebExchange exchange, String id, String requestId, Optional<Object> result) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.empty();
		}
		RunnerStreamResponse stream = result.map(TunnelStreams::asStream).orElse(null);
		Mono<Void> answer = (stream != null) ? TunnelStreams.write(exchange, stream)
				: this.responses.result(exchange, id, result.orElse(null));
		return answer.onErrorResume((ex) -> this.responses.failed(exchange, requestId, ex));
	}

	private Mono<Void> event(ServerWebExchange exchange, String id, String requestId,
			Admitted<EventDescriptor> admitted) {
		EventDescriptor event = admitted.descriptor();
		return this.bodyReader.read(exchange.getRequest()).flatMap((body) -> {
			boolean returnPayload = TunnelBodies.returnPayload(body.value());
			if (returnPayload && event.parallel()) {
				return Mono.error(RunnerRejectedException.parallelEventReturn(id));
			}
			TunnelRunnerContext context = context(requestId, exchange, admitted.authentication(), Flux.empty());
			return executed(this.execution.emit(event, TunnelBodies.eventPayload(body.value()), context))
				.flatMap((payload) -> (returnPayload ? this.responses.result(exchange, id, payload.orElse(null))
						: this.responses.ok(exchange))
					.onErrorResume((ex) -> this.responses.failed(exchange, requestId, ex)));
		});
	}

	private TunnelRunnerContext context(String requestId, ServerWebExchange exchange,
			RunnerAuthentication authentication, Flux<DataBuffer> requestBody) {
		return new TunnelRunnerContext(requestId, exchange, authentication, this.serializer, this.asyncContextEnabled,
				requestBody);
	}

	/**
	 * A call that passed the admission: what authenticated it, and the task or event it names.
	 */
	private record Admitted<D>(RunnerAuthentication authentication, D descriptor) {

	}

	/**
	 * The failure of an execution, marked so that it is answered without being logged or counted again: the
	 * execution pipeline logged it, and it is no refusal of the tunnel's.
	 */
	private static final class ExecutionFailure extends RuntimeException {

		ExecutionFailure(Throwable cause) {
			super(null, cause, false, false);
		}

	}

}
