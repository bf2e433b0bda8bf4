package dev.runner.spring.web;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
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

import dev.runner.spring.RunnerException;
import dev.runner.spring.core.HandlerInvoker;
import dev.runner.spring.core.InvalidInputException;
import dev.runner.spring.core.RunnerExecutionObserver;
import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Writes the JSON envelopes of tunnel-http.md §4.1 and the error bodies of §4.3-§4.5, serialized straight into one
 * response buffer with an exact {@code content-length}.
 */
final class TunnelResponses {

	private static final Log logger = LogFactory.getLog(TunnelResponses.class);

	private static final String CONTENT_TYPE = "application/json; charset=utf-8";

	private static final String INVALID_INPUT_ID = "runner.errors.InvalidInput";

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
	 */
	Mono<Void> result(ServerWebExchange exchange, String id, Object result) {
		Object value = (result != HandlerInvoker.NULL_RESULT) ? result : null;
		return write(exchange, 200, id, (generator) -> {
			generator.writeStartObject();
			generator.writeBooleanProperty("ok", true);
			generator.writeName("result");
			this.serializer.write(generator, value);
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
		ServerHttpResponse response = exchange.getResponse();
		prepare(response, status, body.length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

	/**
	 * Writes the error envelope for a failure, masked as §4.4 says; logs failures that are not the caller's fault.
	 */
	Mono<Void> error(ServerWebExchange exchange, String requestId, Throwable failure) {
		if (exchange.getResponse().isCommitted()) {
			logger.debug(LogMessage.format("Runner call failed after its response started (request id %s)",
					requestId), failure);
			return Mono.error(failure); // the server closes the connection: the caller sees a broken answer
		}
		if (failure instanceof TunnelException tunnel) {
			if (tunnel.status() == 408 || tunnel.status() == 413) {
				// the rest of the body may still be on its way, unread: the connection cannot serve another request
				exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
			}
			return plainError(exchange, tunnel.status(), tunnel.code(), tunnel.getMessage());
		}
		if (failure instanceof RunnerException typed) {
			int status = typed.httpStatus().orElse(500);
			String message = (typed.getMessage() != null && !typed.getMessage().isEmpty()) ? typed.getMessage()
					: "Internal Error";
			return typedError(exchange, status, message, "INTERNAL_ERROR", typed.id(), typed.data(),
					typed.httpStatus().isPresent() ? status : null)
				.onErrorResume((ex) -> internalError(exchange, requestId, ex));
		}
		if (failure instanceof InvalidInputException invalid) {
			List<Map<String, String>> violations = invalid.violations().stream().map((violation) -> {
				Map<String, String> entry = new LinkedHashMap<>();
				entry.put("path", violation.path());
				entry.put("message", violation.message());
				return entry;
			}).toList();
			return typedError(exchange, 400, "Invalid input", "INVALID_INPUT", INVALID_INPUT_ID,
					Map.of("violations", violations), 400);
		}
		if (failure instanceof RunnerRejectedException rejected) {
			return plainError(exchange, rejected.status(), rejected.code(), rejected.getMessage());
		}
		if (failure instanceof CancellationException) {
			TunnelException aborted = TunnelException.aborted();
			return plainError(exchange, aborted.status(), aborted.code(), aborted.getMessage());
		}
		return internalError(exchange, requestId, failure);
	}

	private Mono<Void> internalError(ServerWebExchange exchange, String requestId, Throwable failure) {
		if (exchange.getAttribute(RunnerExecutionObserver.LOGGED_FAILURE_ATTRIBUTE) != failure) {
			logger.error(LogMessage.format("Runner call %s %s failed (request id %s)",
					exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), requestId), failure);
		}
		TunnelException internal = TunnelException.internal();
		return plainError(exchange, internal.status(), internal.code(), internal.getMessage());
	}

	private Mono<Void> plainError(ServerWebExchange exchange, int status, String code, String message) {
		return typedError(exchange, status, message, code, null, null, null);
	}

	/**
	 * Writes an error body with the keys in the protocol's order: {@code message, code}, then for typed errors
	 * {@code id, data} and {@code httpCode} when known (tunnel-http.md §4.5).
	 */
	private Mono<Void> typedError(ServerWebExchange exchange, int status, String message, String code,
			@Nullable String id, @Nullable Object data, @Nullable Integer httpCode) {
		return write(exchange, status, null, (generator) -> {
			generator.writeStartObject();
			generator.writeBooleanProperty("ok", false);
			generator.writeName("error");
			generator.writeStartObject();
			generator.writeStringProperty("message", message);
			generator.writeStringProperty("code", code);
			if (id != null) {
				generator.writeStringProperty("id", id);
				generator.writeName("data");
				this.serializer.write(generator, data);
			}
			if (httpCode != null) {
				generator.writeNumberProperty("httpCode", httpCode);
			}
			generator.writeEndObject();
			generator.writeEndObject();
		});
	}

	/**
	 * Serializes a body into one pooled buffer and writes it; a serialization failure releases the buffer and is
	 * returned as an error signal before anything is written.
	 */
	private Mono<Void> write(ServerWebExchange exchange, int status, @Nullable String sizeKey, BodyWriter writer) {
		// Deferred: the buffer exists only once the write is subscribed, so a caller that has gone (and cancelled
		// before subscribing) leaves nothing to release.
		return Mono.defer(() -> {
			ServerHttpResponse response = exchange.getResponse();
			int hint = (sizeKey != null) ? this.sizeHints.getOrDefault(sizeKey, MIN_BUFFER) : MIN_BUFFER;
			DataBuffer buffer = response.bufferFactory().allocateBuffer(hint);
			try (OutputStream out = buffer.asOutputStream();
					JsonGenerator generator = this.serializer.createGenerator(out)) {
				writer.write(generator);
			}
			catch (Throwable ex) {
				DataBufferUtils.release(buffer);
				return Mono.error(ex);
			}
			int size = buffer.readableByteCount();
			if (sizeKey != null && size > hint && hint < MAX_SIZE_HINT) {
				this.sizeHints.put(sizeKey, Math.min(size, MAX_SIZE_HINT));
			}
			prepare(response, status, size);
			return response.writeWith(Mono.just(buffer));
		});
	}

	private static void prepare(ServerHttpResponse response, int status, int length) {
		response.setStatusCode(HttpStatusCode.valueOf(status));
		HttpHeaders headers = response.getHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
		headers.setContentLength(length);
	}

	@FunctionalInterface
	private interface BodyWriter {

		void write(JsonGenerator generator) throws Exception;

	}

}
