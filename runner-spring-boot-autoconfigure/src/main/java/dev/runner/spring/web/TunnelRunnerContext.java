package dev.runner.spring.web;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.core.AbstractRunnerContext;
import dev.runner.spring.core.RunnerRequestIds;
import dev.runner.spring.serializer.RunnerSerializationException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The {@link dev.runner.spring.RunnerContext} of a call over the tunnel. Headers and async contexts are built on first use only.
 */
final class TunnelRunnerContext extends AbstractRunnerContext {

	static final String ASYNC_CONTEXT_HEADER = "x-runner-context";

	private final String requestId;

	private final ServerWebExchange exchange;

	private final RunnerAuthentication authentication;

	private final RunnerSerializer serializer;

	private final boolean asyncContextEnabled;

	private @Nullable HttpHeaders headers;

	private final Flux<DataBuffer> requestBody;

	private @Nullable Map<?, ?> asyncContexts;

	/**
	 * Creates the context of a call.
	 * @param requestBody the body a {@code Flux<DataBuffer>} parameter receives, empty unless the body is the
	 * handler's to read (octet-stream mode)
	 */
	TunnelRunnerContext(String requestId, ServerWebExchange exchange, RunnerAuthentication authentication,
			RunnerSerializer serializer, boolean asyncContextEnabled, Flux<DataBuffer> requestBody) {
		super(serializer);
		this.requestBody = requestBody;
		this.asyncContextEnabled = asyncContextEnabled;
		this.requestId = requestId;
		this.exchange = exchange;
		this.authentication = authentication;
		this.serializer = serializer;
	}

	@Override
	public String requestId() {
		return this.requestId;
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = this.headers;
		if (headers == null) {
			HttpHeaders copy = new HttpHeaders();
			copy.addAll(this.exchange.getRequest().getHeaders());
			copy.set(RunnerRequestIds.HEADER, this.requestId);
			headers = HttpHeaders.readOnlyHttpHeaders(copy);
			this.headers = headers;
		}
		return headers;
	}

	@Override
	public Flux<DataBuffer> requestBody() {
		return this.requestBody;
	}

	@Override
	public RunnerAuthentication authentication() {
		return this.authentication;
	}

	@Override
	public Optional<ServerWebExchange> exchange() {
		return Optional.of(this.exchange);
	}

	@Override
	public Optional<String> asyncContext(String id) {
		Map<?, ?> contexts = this.asyncContexts;
		if (contexts == null) {
			contexts = decodeAsyncContexts();
			this.asyncContexts = contexts;
		}
		return (contexts.get(id) instanceof String value) ? Optional.of(value) : Optional.empty();
	}

	private Map<?, ?> decodeAsyncContexts() {
		String header = this.exchange.getRequest().getHeaders().getFirst(ASYNC_CONTEXT_HEADER);
		if (!this.asyncContextEnabled || header == null || header.isEmpty()) {
			return Map.of();
		}
		try {
			return (this.serializer.decode(header) instanceof Map<?, ?> map) ? map : Map.of();
		}
		catch (RunnerSerializationException ex) {
			return Map.of();
		}
	}

}
