package dev.runner.spring.web.multipart;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.PartEvent;

/**
 * Releases the buffers of multipart elements that Reactor operators drop, a hook for
 * {@link reactor.core.publisher.Flux#doOnDiscard}. When the request fails or is cancelled while Spring's multipart
 * reader holds queued part events and parser tokens, they are discarded, and neither is a {@code DataBuffer} that
 * Spring's own hooks would release (spring-framework#37115, not in 7.0.9): the client that aborts an upload would
 * leak its buffers. The parser's token type is not public, so its {@code buffer()} is found once, reflectively;
 * without it only part events are released.
 */
final class DiscardedParts {

	private static final @Nullable Method TOKEN_BUFFER = tokenBuffer();

	private DiscardedParts() {
	}

	private static @Nullable Method tokenBuffer() {
		try {
			Method method = Class.forName("org.springframework.http.codec.multipart.MultipartParser$Token")
				.getMethod("buffer");
			method.setAccessible(true);
			return (method.getReturnType() == DataBuffer.class) ? method : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	static void release(Object discarded) {
		if (discarded instanceof PartEvent event) {
			DataBufferUtils.release(event.content());
			return;
		}
		Method buffer = TOKEN_BUFFER;
		if (buffer != null && buffer.getDeclaringClass().isInstance(discarded)) {
			try {
				DataBufferUtils.release((DataBuffer) buffer.invoke(discarded));
			}
			catch (IllegalAccessException | InvocationTargetException ex) {
				// a headers token: no buffer
			}
		}
	}

}
