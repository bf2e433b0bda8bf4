package dev.runner.spring.web;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.runner.spring.serializer.JsUndefined;
import dev.runner.spring.serializer.RunnerSerializationException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Reads and decodes a JSON-mode body (tunnel-http.md §3.2 steps 1-4, and §3.5 for events): the whole body up to the
 * size limit (413 {@code PAYLOAD_TOO_LARGE} beyond it, §8), decoded as UTF-8 by the runner serializer (400
 * {@code INVALID_JSON} when it cannot be); an empty body is absent; a body cut short by the client is 499
 * {@code REQUEST_ABORTED} (§11).
 */
final class TunnelBodyReader {

	private final RunnerSerializer serializer;

	private final int maxSize;

	TunnelBodyReader(RunnerSerializer serializer, int maxSize) {
		this.serializer = serializer;
		this.maxSize = maxSize;
	}

	/**
	 * Reads the body.
	 * @return the decoded body; its value is {@link JsUndefined#INSTANCE} for an empty body
	 */
	Mono<DecodedBody> read(ServerHttpRequest request) {
		return DataBufferUtils.join(request.getBody(), this.maxSize)
			.map(this::decode)
			.defaultIfEmpty(DecodedBody.ABSENT)
			.onErrorMap((ex) -> !(ex instanceof TunnelException), (ex) -> (ex instanceof DataBufferLimitException)
					? TunnelException.payloadTooLarge() : TunnelException.aborted());
	}

	private DecodedBody decode(DataBuffer buffer) {
		try {
			if (buffer.readableByteCount() == 0) {
				return DecodedBody.ABSENT;
			}
			return new DecodedBody(this.serializer.decode(buffer.asInputStream()));
		}
		catch (RunnerSerializationException ex) {
			throw TunnelException.invalidJson();
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/**
	 * A decoded body; {@code null} stands for JSON {@code null}.
	 */
	record DecodedBody(@Nullable Object value) {

		static final DecodedBody ABSENT = new DecodedBody(JsUndefined.INSTANCE);

	}

}
