package dev.runner.spring.tunnel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerException;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.testsupport.ProfileP;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Profile P plus handlers for cases beyond the reference profile: an unserializable result, cancellation, a typed
 * error with an empty message, and tasks returning what {@link RunnerContext} says.
 */
@Configuration(proxyBeanMethods = false)
@Import({ ProfileP.class, ProfilePWithExtras.Handlers.class })
class ProfilePWithExtras {

	static class Handlers {

		private final ProfileP.Recorder recorder;

		Handlers(ProfileP.Recorder recorder) {
			this.recorder = recorder;
		}

		@RunnerTask("app.tasks.cyclic")
		Map<String, Object> cyclic() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("self", map);
			return map;
		}

		@RunnerTask("app.tasks.cancel")
		void cancel() {
			throw new CancellationException("cancelled by the handler");
		}

		@RunnerTask("app.tasks.typedEmpty")
		void typedEmpty() {
			throw new RunnerException("app.errors.Empty", "");
		}

		@RunnerTask("app.tasks.context")
		String context(RunnerContext context) {
			return context.asyncContext("app.ctx.tenant").orElse("none");
		}

		@RunnerTask("app.tasks.requestId")
		String requestId(RunnerContext context) {
			this.recorder.record("app.tasks.requestId", context.headers().getFirst("x-runner-request-id"));
			return context.requestId();
		}

		@RunnerEvent("app.events.cancel")
		void cancelEvent(@Nullable Object payload) {
			throw new CancellationException("cancelled by the listener");
		}

	}

}
