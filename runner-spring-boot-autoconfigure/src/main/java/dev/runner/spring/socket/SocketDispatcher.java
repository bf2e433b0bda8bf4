package dev.runner.spring.socket;

import java.util.List;
import java.util.function.Predicate;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.runner.spring.RunnerChannelAuthorizer;
import dev.runner.spring.RunnerSocket;
import dev.runner.spring.core.EventDescriptor;
import dev.runner.spring.core.RunnerAdmission;
import dev.runner.spring.core.RunnerError;
import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.core.RunnerRequestIds;
import dev.runner.spring.core.RunnerRequestListener;
import dev.runner.spring.core.TaskDescriptor;
import dev.runner.spring.serializer.JsValues;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Runs the request frames of authenticated sockets (docs/socket.md §2-§3): tasks and events through the same pipeline
 * as HTTP ({@link RunnerAdmission}, then {@link RunnerExecution}: guards, validation, timeouts, limits, listeners,
 * observations), channel requests through the patterns and the {@link RunnerChannelAuthorizer}s. Every request is
 * answered by one {@code result} frame, its failure with the error object the HTTP tunnel would send
 * ({@link RunnerError#of(Throwable)}). Refusals before execution are counted as the HTTP door counts them.
 */
final class SocketDispatcher {

	private final RunnerAdmission admission;

	private final RunnerExecution execution;

	private final RunnerSerializer serializer;

	private final LocalRunnerChannels channels;

	private final List<RunnerChannelAuthorizer> authorizers;

	private final SocketSettings settings;

	private final SocketFrameWriter writer;

	private final RunnerRequestListener requestListener;

	private volatile boolean shuttingDown;

	SocketDispatcher(RunnerAdmission admission, RunnerExecution execution, RunnerSerializer serializer,
			LocalRunnerChannels channels, List<RunnerChannelAuthorizer> authorizers, SocketSettings settings,
			SocketFrameWriter writer, RunnerRequestListener requestListener) {
		this.admission = admission;
		this.execution = execution;
		this.serializer = serializer;
		this.channels = channels;
		this.authorizers = List.copyOf(authorizers);
		this.settings = settings;
		this.writer = writer;
		this.requestListener = requestListener;
	}

	/**
	 * New requests are refused from now on ({@code OVERLOADED}); those in flight still get their answer.
	 */
	void shutDown() {
		this.shuttingDown = true;
	}

	/**
	 * Handles one request frame (any type with a correlation id) of an authenticated socket.
	 */
	void dispatch(SocketConnection socket, SocketFrame frame) {
		String id = frame.id();
		if (frame.type() == SocketFrame.Type.CANCEL) {
			SocketRequest request = socket.requestInFlight(id);
			if (request != null) {
				request.cancel(this.writer.failedResult(id, RunnerError.of(RunnerRejectedException.aborted())));
			}
			return;
		}
		if (socket.requestInFlight(id) != null) {
			refuseWithErrorFrame(socket, id, SocketRefusals.duplicateId(id));
			return;
		}
		if (this.shuttingDown) {
			refuse(socket, id, SocketRefusals.shuttingDown());
			return;
		}
		if (socket.inFlightCount() >= this.settings.maxInFlight()) {
			refuse(socket, id, SocketRefusals.tooManyInFlight(this.settings.maxInFlight()));
			return;
		}
		Mono<byte[]> answer;
		try {
			answer = answer(socket, frame);
		}
		catch (RunnerRejectedException refusal) {
			refuse(socket, id, refusal);
			return;
		}
		SocketRequest request = new SocketRequest(id, socket);
		socket.addInFlight(id, request);
		request.start(answer, (failure) -> this.writer.failedResult(id, RunnerError.of(failure)));
	}

	/**
	 * The answer of a request; what is refused before anything runs throws.
	 */
	private Mono<byte[]> answer(SocketConnection socket, SocketFrame frame) {
		String id = frame.id();
		return switch (frame.type()) {
			case TASK -> task(socket, frame, this.admission.task(frame.text("task")));
			case EVENT -> event(socket, frame, this.admission.event(frame.text("event")));
			case SUBSCRIBE -> subscribe(socket, id, channel(frame, this.settings.clientSubscribe()::matches, true));
			case UNSUBSCRIBE -> {
				String channel = channel(frame, (name) -> true, false);
				yield Mono.fromSupplier(() -> this.writer.result(id, true, this.channels.unsubscribe(socket, channel)));
			}
			case PUBLISH -> publish(socket, frame, channel(frame, this.settings.clientPublish()::matches, false));
			default -> throw new IllegalStateException("Not a request: " + frame.type());
		};
	}

	private Mono<byte[]> task(SocketConnection socket, SocketFrame frame, TaskDescriptor task) {
		String id = frame.id();
		return this.execution.runTask(task, frame.value("input"), context(socket, id))
			.singleOptional()
			.map((result) -> {
				Object value = result.orElse(null);
				return this.writer.result(id, !JsValues.isUndefined(value), value);
			});
	}

	private Mono<byte[]> event(SocketConnection socket, SocketFrame frame, EventDescriptor event) {
		String id = frame.id();
		boolean returnPayload = JsValues.isTruthy(frame.fields().get("returnPayload"));
		if (returnPayload && event.parallel()) {
			throw RunnerRejectedException.parallelEventReturn(event.id());
		}
		return this.execution.emit(event, frame.value("payload"), context(socket, id))
			.singleOptional()
			.map((payload) -> this.writer.result(id, returnPayload, payload.orElse(null)));
	}

	private Mono<byte[]> subscribe(SocketConnection socket, String id, String channel) {
		if (!socket.hasChannel(channel) && socket.channelCount() >= this.settings.maxChannels()) {
			throw SocketRefusals.tooManyChannels(this.settings.maxChannels());
		}
		return authorized(socket, channel, RunnerChannelAuthorizer::canSubscribe,
				SocketRefusals.subscribeRefused(channel))
			.then(Mono.fromSupplier(() -> this.writer.result(id, true, this.channels.subscribe(socket, channel))));
	}

	private Mono<byte[]> publish(SocketConnection socket, SocketFrame frame, String channel) {
		String id = frame.id();
		Object data = frame.value("data");
		return authorized(socket, channel, RunnerChannelAuthorizer::canPublish, SocketRefusals.publishRefused(channel))
			.then(Mono.fromSupplier(() -> {
				this.channels.publishNow(channel, data);
				return this.writer.result(id, false, null);
			}));
	}

	/**
	 * Asks every authorizer in turn; the first that does not answer {@code true} refuses.
	 */
	private Mono<Void> authorized(SocketConnection socket, String channel,
			Question question, RunnerRejectedException refusal) {
		if (this.authorizers.isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(this.authorizers)
			.concatMap((authorizer) -> Mono.defer(() -> question.ask(authorizer, socket, channel))
				.onErrorReturn(false)
				.defaultIfEmpty(false))
			.all(Boolean.TRUE::equals)
			.flatMap((allowed) -> {
				if (allowed) {
					return Mono.<Void>empty();
				}
				this.requestListener.refused(refusal.code());
				return Mono.error(refusal);
			});
	}

	/**
	 * Returns the frame's channel: a valid name ({@code INVALID_FRAME} else) that the client may use
	 * ({@code FORBIDDEN} else).
	 */
	private static String channel(SocketFrame frame, Predicate<String> allowed,
			boolean subscribe) {
		String channel = frame.text("channel");
		if (!SocketFrameReader.isValidChannel(channel)) {
			throw SocketRefusals.invalidFrame("A channel name has 1-" + SocketFrameReader.MAX_CHANNEL_LENGTH
					+ " characters and no control characters");
		}
		if (!allowed.test(channel)) {
			throw subscribe ? SocketRefusals.subscribeRefused(channel) : SocketRefusals.publishRefused(channel);
		}
		return channel;
	}

	private SocketRunnerContext context(SocketConnection socket, String correlationId) {
		return new SocketRunnerContext(RunnerRequestIds.orRandom(socket.id() + ":" + correlationId), socket,
				this.serializer);
	}

	private void refuse(SocketConnection socket, String id, RunnerRejectedException refusal) {
		this.requestListener.refused(refusal.code());
		socket.outbound().offer("result", this.writer.failedResult(id, RunnerError.of(refusal)));
	}

	private void refuseWithErrorFrame(SocketConnection socket, String id, RunnerRejectedException refusal) {
		this.requestListener.refused(refusal.code());
		socket.outbound().offer("error", this.writer.error(id, RunnerError.of(refusal)));
	}

	@FunctionalInterface
	private interface Question {

		Mono<Boolean> ask(RunnerChannelAuthorizer authorizer, RunnerSocket socket, String channel);

	}

}
