package dev.runner.spring.core;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;

import dev.runner.spring.RunnerContext;

/**
 * Binds a {@code Flux<DataBuffer>} handler parameter: the raw request body the call's context carries
 * ({@link AbstractRunnerContext#requestBody()}, the body of an octet-stream call, docs/tunnel-http.md §3.4), unbuffered;
 * an empty {@code Flux} for every other call.
 */
final class RequestBodyArgument {

	private RequestBodyArgument() {
	}

	/**
	 * Whether a parameter type is the one this binder serves, {@code Flux<DataBuffer>}.
	 */
	static boolean supports(ResolvableType type) {
		return type.toClass() == Flux.class && type.getGeneric(0).toClass() == DataBuffer.class;
	}

	static Flux<DataBuffer> bind(@Nullable Object input, RunnerContext context) {
		return (context instanceof AbstractRunnerContext runnerContext) ? runnerContext.requestBody() : Flux.empty();
	}

}
