package dev.runner.spring.web;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.RunnerStreamResponse;
import dev.runner.spring.core.RunnerRequestIds;

/**
 * Writes the task results that are streams (docs/tunnel-http.md §4.2): a {@link RunnerStreamResponse}, or a
 * {@link Resource} or {@link InputStream} standing for one. The bytes go out as produced, chunked, with no envelope;
 * the request id, security and CORS headers set before stay, and the stream's own headers cannot replace them.
 */
final class TunnelStreams {

	/** Headers a stream cannot set (lower case): the protocol's list, and the request id. */
	private static final Set<String> DROPPED = Set.of("set-cookie", "access-control-allow-origin",
			"access-control-allow-credentials", "x-content-type-options", "x-frame-options",
			RunnerRequestIds.HEADER);

	private TunnelStreams() {
	}

	/**
	 * Whether a task result is answered as a stream.
	 */
	static boolean isStream(Object result) {
		return result instanceof RunnerStreamResponse || result instanceof Resource || result instanceof InputStream;
	}

	/**
	 * Returns the stream a task result stands for.
	 * @return the stream, or {@code null} when the result is a value
	 */
	static @Nullable RunnerStreamResponse asStream(Object result) {
		if (result instanceof RunnerStreamResponse stream) {
			return stream;
		}
		if (result instanceof Resource resource) {
			return RunnerStreamResponse.of(resource);
		}
		if (result instanceof InputStream inputStream) {
			return RunnerStreamResponse.of(inputStream);
		}
		return null;
	}

	/**
	 * Writes a stream. A body that fails before its first buffer leaves the response uncommitted and without the
	 * stream's headers, so the failure can still be answered with an envelope.
	 */
	static Mono<Void> write(ServerWebExchange exchange, RunnerStreamResponse stream) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(stream.statusCode()));
		HttpHeaders headers = response.getHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, stream.contentType());
		List<String> added = new ArrayList<>();
		stream.headers().forEach((name, values) -> {
			if (!DROPPED.contains(name.toLowerCase(Locale.ROOT))) {
				headers.put(name, values);
				added.add(name);
			}
		});
		return response.writeWith(stream.body(response.bufferFactory())).onErrorResume((ex) -> {
			if (!response.isCommitted()) {
				added.forEach(headers::remove);
			}
			return Mono.error(ex);
		});
	}

}
