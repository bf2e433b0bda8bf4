package dev.runner.spring.web.multipart;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.PooledDataBuffer;
import org.springframework.http.codec.multipart.PartEvent;

/**
 * Releases the buffers of the multipart elements that Reactor operators drop in one call, a hook for
 * {@link reactor.core.publisher.Flux#doOnDiscard}. When the request fails or is cancelled while Spring's multipart
 * reader holds queued part events and parser tokens, they are discarded, and neither is a {@code DataBuffer} that
 * Spring's own hooks would release (spring-framework#37115, not in 7.0.9): the client that aborts an upload would
 * leak its buffers. The parser's token type is not public, so its {@code buffer()} is found once, reflectively;
 * without it only part events are released.
 * <p>
 * Discards are not proof of ownership: Reactor's {@code concatMap} discards the value of a scalar inner publisher
 * when cancelled even after it emitted it, and a token and the part event made from it share one buffer. Releasing
 * such a buffer again would free a pooled buffer that by then belongs to another request. So a buffer is released
 * once at most, and never when it is one of the last few delivered to the call (which owns those).
 */
final class DiscardedParts {

	private static final @Nullable Method TOKEN_BUFFER = tokenBuffer();

	/** How many of the buffers delivered last are remembered. */
	private static final int DELIVERED = 4;

	private final DataBuffer[] delivered = new DataBuffer[DELIVERED];

	private int next;

	private final Set<DataBuffer> released = Collections.newSetFromMap(new IdentityHashMap<>());

	/**
	 * Parser-token buffers this workaround released, and those it found released already: diagnostics for the test
	 * that tells when Spring's own fix makes the workaround unnecessary (the first stays zero, the second does not).
	 */
	static final LongAdder TOKEN_BUFFERS_RELEASED = new LongAdder();

	static final LongAdder TOKEN_BUFFERS_FOUND_FREE = new LongAdder();

	private static @Nullable Method tokenBuffer() {
		try {
			Method method = Class.forName(MultipartRuntimeHints.TOKEN)
				.getMethod("buffer");
			method.setAccessible(true);
			return (method.getReturnType() == DataBuffer.class) ? method : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Notes that a part event reached the call, which owns its buffer from then on.
	 */
	synchronized void delivered(PartEvent event) {
		this.delivered[this.next] = event.content();
		this.next = (this.next + 1) % DELIVERED;
	}

	void release(Object discarded) {
		DataBuffer buffer = bufferOf(discarded);
		if (buffer == null) {
			return;
		}
		synchronized (this) {
			for (DataBuffer owned : this.delivered) {
				if (owned == buffer) {
					return;
				}
			}
			if (!this.released.add(buffer)) {
				return;
			}
		}
		boolean free = buffer instanceof PooledDataBuffer pooled && !pooled.isAllocated();
		if (discarded instanceof PartEvent) {
			// a part event the call consumed earlier than the last few, or that Spring released on the error path
			if (!free) {
				DataBufferUtils.release(buffer);
			}
		}
		else if (free) {
			TOKEN_BUFFERS_FOUND_FREE.increment();
		}
		else if (DataBufferUtils.release(buffer)) {
			TOKEN_BUFFERS_RELEASED.increment();
		}
	}

	static @Nullable DataBuffer bufferOf(Object discarded) {
		if (discarded instanceof PartEvent event) {
			return event.content();
		}
		Method buffer = TOKEN_BUFFER;
		if (buffer != null && buffer.getDeclaringClass().isInstance(discarded)) {
			try {
				return (DataBuffer) buffer.invoke(discarded);
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				return null; // a headers token: no buffer
			}
		}
		return null;
	}

}
