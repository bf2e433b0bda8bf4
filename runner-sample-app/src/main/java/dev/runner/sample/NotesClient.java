package dev.runner.sample;

import reactor.core.publisher.Mono;

import dev.runner.spring.client.RemoteTask;
import dev.runner.spring.client.RunnerServiceClient;

/**
 * A declared Java client of this app's own tasks, configured by {@code runner.clients.self.*}: how a Spring service
 * calls the tasks of another one (a Node service with {@code @bluelibs/runner}, or another app with this starter).
 *
 * @since 0.2.0
 */
@RunnerServiceClient(name = "self")
public interface NotesClient {

	/**
	 * Runs {@code notes.count} over HTTP.
	 * @return the number of notes
	 */
	@RemoteTask("notes.count")
	Mono<Long> count();

}
