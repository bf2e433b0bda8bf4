package dev.runner.spring.core;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;

import dev.runner.spring.RunnerContext;

/**
 * Binds a {@code Flux<DataBuffer>} handler parameter: the raw request body of an octet-stream call (tunnel-http.md
 * §3.4), unbuffered; an empty {@code Flux} for every other call (JSON and multipart bodies are the tunnel's, and
 * in-process calls have none).
 *
 * @since 0.1.0
 */
public final class RequestBodyArgument {

	/**
	 * Exchange attribute that the tunnel sets to {@code Boolean.TRUE} when the request body is the handler's to read.
	 */
	public static final String ATTRIBUTE = RequestBodyArgument.class.getName() + ".rawBody";

	private RequestBodyArgument() {
	}

	/**
	 * Whether a parameter type is the one this binder serves, {@code Flux<DataBuffer>}.
	 */
	static boolean supports(ResolvableType type) {
		return type.toClass() == Flux.class && type.getGeneric(0).toClass() == DataBuffer.class;
	}

	static Flux<DataBuffer> bind(@Nullable Object input, RunnerContext context) {
		return context.exchange()
			.filter((exchange) -> Boolean.TRUE.equals(exchange.getAttribute(ATTRIBUTE)))
			.map((exchange) -> exchange.getRequest().getBody())
			.orElseGet(Flux::empty);
	}

}
