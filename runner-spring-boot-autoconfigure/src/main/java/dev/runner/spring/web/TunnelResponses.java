package dev.runner.spring.web;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonGenerator;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.log.LogMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.core.RunnerError;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Writes the JSON envelopes of docs/tunnel-http.md §4.1 and the error bodies of §4.3-§4.5 (as {@link RunnerError}
 * classifies the failure), serialized straight into one response buffer with an exact {@code content-length}.
 */
final class TunnelResponses {

	private static final Log logger = LogFactory.getLog(TunnelResponses.class);

	private static final String CONTENT_TYPE = "application/json; charset=utf-8";

	private static final byte[] OK = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

	private static final int MIN_BUFFER = 256;

	private static final int MAX_SIZE_HINT = 1024 * 1024;

	/** The largest body written so far for each task, so a large result gets a large enough buffer at once. */
	private final Map<String, Integer> sizeHints = new ConcurrentHashMap<>();

	private final RunnerSerializer serializer;

	TunnelResponses(RunnerSerializer serializer) {
		this.serializer = serializer;
	}

	/**
	 * Writes {@code {"ok":true,"result":r}}.
	 * @param result the result, {@code null} for JSON {@code null}
	 */
	Mono<Void> result(ServerWebExchange exchange, String id, @Nullable Object result) {
		return write(exchange, 200, id, (generator) -> {
			generator.writeStartObject();
			generator.writeBooleanProperty("ok", true);
			generator.writeName("result");
			this.serializer.write(generator, result);
			generator.writeEndObject();
		});
	}

	/**
	 * Writes {@code {"ok":true}}.
	 */
	Mono<Void> ok(ServerWebExchange exchange) {
		return bytes(exchange, 200, OK);
	}

	/**
	 * Writes a body that was serialized before.
	 */
	Mono<Void> bytes(ServerWebExchange exchange, int status, byte[] body) {
		return bytes(exchange, status, body, CONTENT_TYPE);
	}

	/**
	 * Writes a body made once (discovery, the contracts) with its content type.
	 */
	Mono<Void> bytes(ServerWebExchange exchange, int status, byte[] body, String contentType) {
		ServerHttpResponse response = exchange.getResponse();
		prepare(response, status, body.length, contentType);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

	/**
	 * Answers a failure that was already classified and, where it deserved it, logged (a refusal, a failed
	 * execution): the error envelope of §4.3-§4.5. A 408 or 413 closes the connection, since the rest of the body may
	 * still be on its way, unread. When the response has started already, the failure is returned as an error
	 * signal: the server then closes the connection, and the caller sees a broken answer.
	 */
	Mono<Void> error(ServerWebExchange exchange, String requestId, Throwable failure) {
		if (exchange.getResponse().isCommitted()) {
			logger.debug(LogMessage.format("Runner call failed after its response started (request id %s)",
					requestId), failure);
			return Mono.error(failure);
		}
		RunnerError error = RunnerError.of(failure);
		if (error.status() == 408 || error.status() == 413) {
			exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
		}
		Mono<Void> answer = Mono.defer(() -> bytes(exchange, error.status(), errorBody(error)));
		return error.isTyped() ? answer.onErrorResume((ex) -> failed(exchange, requestId, ex)) : answer;
	}

	/**
	 * Serializes an error envelope on the heap: envelopes are small, and one whose write loses the race with another
	 * path that commits the response (a caller gone, a cancelled call answered elsewhere) leaves garbage rather than a
	 * pooled buffer nobody releases.
	 */
	private byte[] errorBody(RunnerError error) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(128);
		try (JsonGenerator generator = this.serializer.createGenerator(out)) {
			writeError(generator, error);
		}
		return out.toByteArray();
	}

	/**
	 * Answers a failure of the tunnel's own work, outside the execution (a result that cannot be encoded, a stream
	 * that fails before its first buffer): logs it, at {@code ERROR} with the stack trace when it is the server's
	 * problem, and answers it as {@link #error} does.
	 */
	Mono<Void> failed(ServerWebExchange exchange, String requestId, Throwable failure) {
		if (!exchange.getResponse().isCommitted() && RunnerError.of(failure).isServerError()) {
			logger.error(LogMessage.format("Runner call %s %s failed (request id %s)",
					exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), requestId), failure);
		}
		return error(exchange, requestId, failure);
	}

	/**
	 * Writes an error body: {@code {"ok":false,"error":{…}}} (§4.3-§4.5).
	 */
	private void writeError(JsonGenerator generator, RunnerError error) {
		generator.writeStartObject();
		generator.writeBooleanProperty("ok", false);
		generator.writeName("error");
		error.writeTo(generator, this.serializer);
		generator.writeEndObject();
	}

	/**
	 * Serializes a body into one pooled buffer and writes it. A response committed meanwhile by another path (a task
	 * that wrote it itself, a refusal answered from another thread) is an error signal before anything is allocated;
	 * a serialization failure, or a commit that races the headers, releases the buffer and is an error signal before
	 * anything is written; a cancellation before Spring's {@code writeWith} took the buffer releases it. Spring's
	 * {@code writeWith} leaves the buffer to its caller when another path commits between the headers and the write;
	 * that window is a few instructions wide and not covered.
	 */
	private Mono<Void> write(ServerWebExchange exchange, int status, @Nullable String sizeKey, BodyWriter writer) {
		// Deferred: the buffer exists only once the write is subscribed, so a caller that has gone (and cancelled
		// before subscribing) leaves nothing to release.
		return Mono.defer(() -> {
			ServerHttpResponse response = exchange.getResponse();
			if (response.isCommitted()) {
				return Mono.error(new IllegalStateException("The response was committed by another path"));
			}
			int hint = (sizeKey != null) ? this.sizeHints.getOrDefault(sizeKey, MIN_BUFFER) : MIN_BUFFER;
			DataBuffer buffer = response.bufferFactory().allocateBuffer(hint);
			try {
				try (OutputStream out = buffer.asOutputStream();
						JsonGenerator generator = this.serializer.createGenerator(out)) {
					writer.write(generator);
				}
				prepare(response, status, buffer.readableByteCount(), CONTENT_TYPE);
			}
			catch (Throwable ex) {
				DataBufferUtils.release(buffer);
				return Mono.error(ex);
			}
			int size = buffer.readableByteCount();
			if (sizeKey != null && size > hint && hint < MAX_SIZE_HINT) {
				this.sizeHints.put(sizeKey, Math.min(size, MAX_SIZE_HINT));
			}
			// A caller gone while the body was being written (the exchange cancelled from the event loop while this
			// runs on another thread) cancels before the buffer is handed over: discarding it releases it.
			return response.writeWith(Mono.just(buffer).doOnDiscard(DataBuffer.class, DataBufferUtils::release));
		});
	}

	private static void prepare(ServerHttpResponse response, int status, int length, String contentType) {
		response.setStatusCode(HttpStatusCode.valueOf(status));
		HttpHeaders headers = response.getHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, contentType);
		headers.setContentLength(length);
	}

	@FunctionalInterface
	private interface BodyWriter {

		void write(JsonGenerator generator) throws Exception;

	}

}
