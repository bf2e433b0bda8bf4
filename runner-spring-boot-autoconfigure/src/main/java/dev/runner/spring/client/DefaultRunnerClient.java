package dev.runner.spring.client;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriUtils;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.serializer.JsValues;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The {@link RunnerClient} on a {@link WebClient}: one {@code POST} per call, its body per {@link TunnelRequest}, its
 * answer per {@link TunnelAnswer}, observed per {@link CallObservation}.
 */
final class DefaultRunnerClient implements RunnerClient {

	private static final String CONTEXT_HEADER = "x-runner-context";

	private static final String REQUEST_ID_HEADER = "x-runner-request-id";

	private static final int STREAM_DEMAND = 16;

	private final String name;

	private final String baseUrl;

	private final WebClient webClient;

	private final RunnerSerializer serializer;

	private final TunnelAnswer answers;

	private final HttpHeaders headers;

	private final Duration timeout;

	private final ObservationRegistry observationRegistry;

	private final @Nullable RunnerClientObservationConvention convention;

	private final Map<String, TunnelCall> tasks = new ConcurrentHashMap<>();

	private final Map<String, TunnelCall> events = new ConcurrentHashMap<>();

	DefaultRunnerClient(String name, String baseUrl, WebClient webClient, RunnerSerializer serializer,
			TunnelAnswer answers, HttpHeaders headers, Duration timeout, ObservationRegistry observationRegistry,
			@Nullable RunnerClientObservationConvention convention) {
		this.name = name;
		this.baseUrl = baseUrl;
		this.webClient = webClient;
		this.serializer = serializer;
		this.answers = answers;
		this.headers = headers;
		this.timeout = timeout;
		this.observationRegistry = observationRegistry;
		this.convention = convention;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public <T> Mono<T> task(String id, @Nullable Object input, Class<T> resultType) {
		if (resultType == Resource.class) {
			return cast(resource(id, input));
		}
		return cast(value(call(this.tasks, "task", id, false), () -> TunnelRequest.task(this.serializer, input),
				resultType, false));
	}

	@Override
	public <T> Mono<T> task(String id, @Nullable Object input, ParameterizedTypeReference<T> resultType) {
		return cast(value(call(this.tasks, "task", id, false), () -> TunnelRequest.task(this.serializer, input),
				resultType.getType(), false));
	}

	@Override
	public Flux<DataBuffer> taskStream(String id, @Nullable Object input) {
		TunnelCall call = call(this.tasks, "task", id, false);
		return observed(call, (context) -> exchange(call, TunnelRequest.task(this.serializer, input))
			.transform((answer) -> timed(call, answer))
			.flatMapMany((answer) -> this.answers.stream(call, answer)));
	}

	@Override
	public Mono<Void> event(String id, @Nullable Object payload) {
		TunnelCall call = call(this.events, "event", id, true);
		return observed(call, (context) -> exchange(call, TunnelRequest.event(this.serializer, payload, false))
			.flatMap((answer) -> this.answers.ok(call, answer))
			.transform((answer) -> timed(call, answer))
			.flux()).then();
	}

	@Override
	public <T> Mono<T> eventWithResult(String id, @Nullable Object payload, Class<T> type) {
		return cast(value(call(this.events, "event", id, true),
				() -> TunnelRequest.event(this.serializer, payload, true), type, true));
	}

	@Override
	public <T> Mono<T> eventWithResult(String id, @Nullable Object payload, ParameterizedTypeReference<T> type) {
		return cast(value(call(this.events, "event", id, true),
				() -> TunnelRequest.event(this.serializer, payload, true), type.getType(), true));
	}

	@Override
	public Mono<RunnerDiscovery> discovery() {
		TunnelCall call = new TunnelCall(this.name, false, "discovery", URI.create(this.baseUrl + "/discovery"));
		return this.webClient.get()
			.uri(call.uri())
			.headers((headers) -> headers.addAll(this.headers))
			.retrieve()
			.onStatus((status) -> true, (response) -> Mono.empty())
			.toEntityFlux(DataBuffer.class)
			.flatMap((answer) -> this.answers.result(call, answer))
			.map((result) -> discovery(call, result))
			.transform((answer) -> timed(call, answer))
			.onErrorMap(WebClientRequestException.class, (ex) -> unreachable(call, ex));
	}

	private static RunnerDiscovery discovery(TunnelCall call, Object result) {
		Map<String, Object> allowList = JsValues.asPlainObject(JsValues.property(result, "allowList"));
		if (allowList == null) {
			throw call.failure(RunnerClientException.INVALID_RESPONSE, 200, "answered no allowList", null);
		}
		return new RunnerDiscovery(JsValues.isTruthy(allowList.get("enabled")), ids(allowList.get("tasks")),
				ids(allowList.get("events")));
	}

	private static List<String> ids(@Nullable Object value) {
		return (value instanceof List<?> list) ? list.stream().map(String::valueOf).toList() : List.of();
	}

	private Mono<Object> value(TunnelCall call, Supplier<TunnelRequest> request, Type type,
			boolean resultRequired) {
		return observedSingle(call, (context) -> exchange(call, request.get())
			.flatMap((answer) -> this.answers.value(call, answer, type, resultRequired))
			.transform((answer) -> timed(call, answer)));
	}

	private Mono<Resource> resource(String id, @Nullable Object input) {
		TunnelCall call = call(this.tasks, "task", id, false);
		return observedSingle(call, (context) -> exchange(call, TunnelRequest.task(this.serializer, input))
			.transform((answer) -> timed(call, answer))
			.map((answer) -> (Resource) new InputStreamResource(
					DataBufferUtils.subscriberInputStream(this.answers.stream(call, answer), STREAM_DEMAND))));
	}

	/**
	 * Sends the request and gives the answer once its headers arrived, whatever its status; the caller times it.
	 */
	private Mono<ResponseEntity<Flux<DataBuffer>>> exchange(TunnelCall call, TunnelRequest request) {
		return Mono.deferContextual((context) -> this.webClient.post()
			.uri(call.uri())
			.headers((headers) -> headers(headers, context))
			.contentType(request.contentType())
			.body(request.inserter())
			.retrieve()
			.onStatus((status) -> true, (response) -> Mono.empty())
			.toEntityFlux(DataBuffer.class))
			.onErrorMap(WebClientRequestException.class, (ex) -> unreachable(call, ex));
	}

	private void headers(HttpHeaders headers, ContextView context) {
		headers.addAll(this.headers);
		String requestId = requestId(context);
		if (requestId != null) {
			headers.set(REQUEST_ID_HEADER, requestId);
		}
		String asyncContext = asyncContext(context);
		if (asyncContext != null) {
			headers.set(CONTEXT_HEADER, asyncContext);
		}
	}

	private static @Nullable String requestId(ContextView context) {
		Object requestId = context.getOrDefault(RunnerContext.REQUEST_ID_KEY, null);
		return (requestId instanceof String text) ? text : null;
	}

	private @Nullable String asyncContext(ContextView context) {
		Object explicit = context.getOrDefault(ASYNC_CONTEXT_KEY, null);
		if (explicit instanceof Map<?, ?> values) {
			return new String(this.serializer.encode(values), StandardCharsets.UTF_8);
		}
		Object caller = context.getOrDefault(RunnerContext.CONTEXT_KEY, null);
		return (caller instanceof RunnerContext runnerContext) ? runnerContext.headers().getFirst(CONTEXT_HEADER)
				: null;
	}

	private <T> Mono<T> timed(TunnelCall call, Mono<T> answer) {
		if (this.timeout.isZero()) {
			return answer;
		}
		return answer.timeout(this.timeout).onErrorMap(TimeoutException.class, (ex) -> call.failure(
				RunnerClientException.TIMEOUT, 0, "timed out after " + this.timeout.toMillis() + " ms", ex));
	}

	private static RunnerClientException unreachable(TunnelCall call, WebClientRequestException ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return call.failure(RunnerClientException.UNREACHABLE, 0, "could not reach the server: " + cause, ex);
	}

	private <T> Flux<T> observed(TunnelCall call, Function<ContextView, Flux<T>> source) {
		return observed(call, false, source);
	}

	private <T> Mono<T> observedSingle(TunnelCall call, Function<ContextView, Mono<T>> source) {
		return observed(call, true, (context) -> source.apply(context).flux()).next();
	}

	private <T> Flux<T> observed(TunnelCall call, boolean single, Function<ContextView, Flux<T>> source) {
		return Flux.deferContextual((context) -> {
			Observation parent = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			return CallObservation.observe(call, requestId(context), source.apply(context), single,
					this.observationRegistry, this.convention, parent);
		});
	}

	private TunnelCall call(Map<String, TunnelCall> calls, String kind, String id, boolean event) {
		TunnelCall call = calls.get(id);
		if (call == null) {
			call = calls.computeIfAbsent(id, (key) -> new TunnelCall(this.name, event, key,
					URI.create(this.baseUrl + "/" + kind + "/" + UriUtils.encode(key, StandardCharsets.UTF_8))));
		}
		return call;
	}

	@SuppressWarnings("unchecked")
	private static <T> Mono<T> cast(Mono<?> mono) {
		return (Mono<T>) mono;
	}

}
