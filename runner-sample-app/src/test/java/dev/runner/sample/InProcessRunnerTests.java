package dev.runner.sample;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.runner.spring.Runner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's tasks called in-process through the {@link Runner} bean, with no HTTP server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class InProcessRunnerTests {

	@Autowired
	private Runner runner;

	@Test
	void runsHiddenTaskAndGuardedTaskInProcess() {
		Note note = this.runner.runTask("notes.create", new NewNote("call Ada", null, Set.of("todo"), null), Note.class)
			.block();
		assertThat(note.title()).isEqualTo("call Ada");
		assertThat(this.runner.runTask("notes.purge", Instant.now().plusSeconds(60)).block()).isEqualTo(1);
		assertThat(this.runner.runTask("notes.reset", null).block()).isEqualTo(0L);
	}

	@Test
	void emitsEventWithTheListenersReplacement() {
		assertThat(this.runner.emitWithResult("notes.events.created", java.util.Map.of("id", "n1")).block())
			.isEqualTo(java.util.Map.of("id", "n1", "audited", true));
	}

}
