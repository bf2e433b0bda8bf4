package dev.runner.spring.web.multipart;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.ResolvableType;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.web.server.ServerWebExchange;

import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Serves the multipart mode of task requests (docs/tunnel-http.md §3.3): parses the body as a stream of Spring
 * {@link PartEvent}s, enforcing the limits while it streams, and runs the task with the manifest's input, its file
 * sentinels replaced by {@link dev.runner.spring.RunnerFile}s.
 *
 * @since 0.1.0
 */
public final class MultipartTaskReader {

	/** Part headers larger than this are a malformed body, as in Node (16 KiB). */
	private static final int MAX_HEADERS_SIZE = 16 * 1024;

	private static final ResolvableType PART_EVENT = ResolvableType.forClass(PartEvent.class);

	private static final Log logger = LogFactory.getLog(MultipartTaskReader.class);

	/**
	 * Reactor's context key of a local hook for dropped errors: when a multipart body fails (cut short, client gone),
	 * Spring's reader signals the failure twice, and the second one, dropped, would be logged as an error for every
	 * aborted upload. The call has its outcome by then.
	 */
	private static final Context DROPPED_ERRORS = Context.of("reactor.onErrorDropped.local",
			(Consumer<Throwable>) (ex) -> logger.debug("Multipart failure after the request's outcome", ex));

	private final PartEventHttpMessageReader reader = new PartEventHttpMessageReader();

	private final RunnerSerializer serializer;

	private final MultipartLimits limits;

	private final Predicate<Object> streams;

	/**
	 * Creates the reader.
	 * @param serializer decodes manifests
	 * @param limits the limits
	 * @param streams tells the task results that are streamed responses, which may still read files after the task
	 * returned them
	 */
	public MultipartTaskReader(RunnerSerializer serializer, MultipartLimits limits, Predicate<Object> streams) {
		this.serializer = serializer;
		this.limits = limits;
		this.streams = streams;
		this.reader.setMaxHeadersSize(MAX_HEADERS_SIZE);
		// Spring buffers plain form fields itself: refuse them from the limit on, like the other fields
		this.reader.setMaxInMemorySize(limits.maxFieldSize() - 1);
	}

	/**
	 * Runs a task from a multipart request and writes its answer.
	 * @param exchange the exchange
	 * @param task runs the task with its input ({@code null} when absent)
	 * @param respond writes the answer for the task's result (empty for {@code null}); called once the whole body has
	 * been read
	 * @return completes when the answer is written; fails before anything is written with a
	 * {@link RunnerRejectedException} for a refused request, or with the task's error
	 */
	public Mono<Void> handle(ServerWebExchange exchange, Function<@Nullable Object, Mono<Object>> task,
			Function<Optional<Object>, Mono<Void>> respond) {
		return Mono.defer(() -> {
			MultipartCall call = new MultipartCall(this.serializer, this.limits,
					exchange.getResponse().bufferFactory(), task, this.streams);
			DiscardedParts discarded = new DiscardedParts();
			return call
				.run(this.reader.read(PART_EVENT, exchange.getRequest(), Map.of())
					.doOnNext(discarded::delivered)
					.doOnDiscard(Object.class, discarded::release)
					.contextWrite(DROPPED_ERRORS))
				.flatMap(respond)
				.doFinally((signal) -> call.cleanup());
		});
	}

}
