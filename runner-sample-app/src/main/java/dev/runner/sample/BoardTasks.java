package dev.runner.sample;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.runner.spring.RunnerChannels;
import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerSocket;
import dev.runner.spring.RunnerTask;

/**
 * The live board of the sample: sockets publish chat lines on {@code board.chat} themselves
 * ({@code runner.socket.client-publish=board.**}), created notes reach {@code notes.events.created} subscribers
 * ({@code runner.socket.publish-events}), and these tasks use {@link RunnerChannels} from Java.
 *
 * @since 0.1.0
 */
@Component
public class BoardTasks {

	private final ObjectProvider<RunnerChannels> channels;

	/**
	 * Creates the tasks.
	 * @param channels the socket door's channels, absent when the app runs without a web server (in-process tests)
	 */
	BoardTasks(ObjectProvider<RunnerChannels> channels) {
		this.channels = channels;
	}

	private RunnerChannels channels() {
		return this.channels.getObject();
	}

	/**
	 * Names the caller on the board: stored in the socket's attributes, and announced on {@code board.chat}.
	 * @param name the name to show
	 * @param context the call, which must come over the socket
	 * @return the caller's socket id
	 */
	@RunnerTask(value = "board.join", description = "names the calling socket and announces it on board.chat")
	public Mono<String> join(String name, RunnerContext context) {
		RunnerSocket socket = context.socket()
			.orElseThrow(() -> new IllegalStateException("Call board.join over the socket"));
		socket.attributes().put("name", name);
		return channels().publish("board.chat", Map.of("system", true, "text", name + " joined"))
			.thenReturn(socket.id());
	}

	/**
	 * Sends a direct message to one socket.
	 * @param message {@code {"to": socketId, "text": …}}
	 * @return whether that socket is open here
	 */
	@RunnerTask(value = "board.poke", description = "sends a direct message to one socket")
	public Mono<Boolean> poke(Map<String, Object> message) {
		return channels().send(String.valueOf(message.get("to")), message.get("text"));
	}

	/**
	 * Closes the caller's socket with 4000 {@code signed out}; the JavaScript client reconnects.
	 * @param context the call
	 * @return completes once the close frame is on its way
	 */
	@RunnerTask(value = "board.signOut", description = "closes the calling socket with 4000")
	public Mono<Void> signOut(RunnerContext context) {
		return Mono.justOrEmpty(context.socket())
			.flatMap((socket) -> channels().close(socket.id(), 4000, "signed out"));
	}

}
