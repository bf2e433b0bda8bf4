package dev.runner.spring.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.serializer.JsValues;
import dev.runner.spring.serializer.RunnerSerializationException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Reads and decodes a JSON-mode body (docs/tunnel-http.md §3.2 steps 1-4, and §3.5 for events): the whole body up to the
 * size limit (413 {@code PAYLOAD_TOO_LARGE} beyond it, §8), decoded as UTF-8 with replacement characters for invalid
 * sequences as Node does, then by the runner serializer (400
 * {@code INVALID_JSON} when it cannot be); an empty body is absent; a body cut short by the client is 499
 * {@code REQUEST_ABORTED} (§11). A body not received in full within the read timeout, counted from the start of the
 * read, is 408 {@code REQUEST_TIMEOUT}: a deadline for the whole body rather than an idle time between reads, so a
 * client trickling bytes cannot hold a request open (the protocol has no such limit; Node's HTTP server answers 408
 * after its request timeout too).
 */
final class TunnelBodyReader {

	private final RunnerSerializer serializer;

	private final int maxSize;

	private final Duration readTimeout;

	TunnelBodyReader(RunnerSerializer serializer, int maxSize, Duration readTimeout) {
		this.serializer = serializer;
		this.maxSize = maxSize;
		this.readTimeout = readTimeout;
	}

	/**
	 * Reads the body.
	 * @return the decoded body; its value is {@link JsValues#UNDEFINED} for an empty body
	 */
	Mono<DecodedBody> read(ServerHttpRequest request) {
		return DataBufferUtils.join(request.getBody(), this.maxSize)
			.timeout(this.readTimeout, Mono.error(RunnerRejectedException::readTimeout))
			.map(this::decode)
			.defaultIfEmpty(DecodedBody.ABSENT)
			.onErrorMap((ex) -> !(ex instanceof RunnerRejectedException), (ex) -> (ex instanceof DataBufferLimitException)
					? RunnerRejectedException.payloadTooLarge() : RunnerRejectedException.aborted());
	}

	/**
	 * Reads a body only to drop it.
	 * @return completes once the body has been received; fails when it is larger than the size limit or slower than
	 * the read timeout, or when the client goes away
	 */
	Mono<Void> discard(ServerHttpRequest request) {
		return request.getBody()
			.reduce(0L, (received, buffer) -> {
				long total = received + buffer.readableByteCount();
				DataBufferUtils.release(buffer);
				if (total > this.maxSize) {
					throw new DataBufferLimitException("Body over " + this.maxSize + " bytes");
				}
				return total;
			})
			.timeout(this.readTimeout)
			.then();
	}

	private DecodedBody decode(DataBuffer buffer) {
		try {
			if (buffer.readableByteCount() == 0) {
				return DecodedBody.ABSENT;
			}
			// UTF-8 as Node's Buffer#toString decodes it: invalid sequences (overlong forms, encoded surrogates, stray
			// bytes) become U+FFFD, where Jackson's byte parser would refuse some and accept others (C0 AF as "/")
			return new DecodedBody(this.serializer.decode(buffer.toString(StandardCharsets.UTF_8)));
		}
		catch (RunnerSerializationException ex) {
			throw RunnerRejectedException.invalidJson();
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/**
	 * A decoded body; {@code null} stands for JSON {@code null}.
	 */
	record DecodedBody(@Nullable Object value) {

		static final DecodedBody ABSENT = new DecodedBody(JsValues.UNDEFINED);

	}

}
