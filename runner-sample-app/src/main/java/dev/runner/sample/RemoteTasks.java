package dev.runner.sample;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerTask;

/**
 * A task that calls on through the Java client ({@link NotesClient}): the call it makes carries this call's request
 * id, so both lines of the log have the same one.
 *
 * @since 0.2.0
 */
@Component
public class RemoteTasks {

	private final NotesClient notes;

	RemoteTasks(NotesClient notes) {
		this.notes = notes;
	}

	/**
	 * Counts the notes by calling {@code notes.count} over HTTP through the declared client.
	 * @param context the call, for its request id
	 * @return {@code {"count": n, "requestId": id}}
	 */
	@RunnerTask(value = "notes.countRemotely", description = "counts the notes through the Java client, over HTTP")
	public Mono<Map<String, Object>> countRemotely(RunnerContext context) {
		return this.notes.count().map((count) -> Map.of("count", count, "requestId", context.requestId()));
	}

}
