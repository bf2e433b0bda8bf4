package dev.runner.spring.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerException;
import dev.runner.spring.RunnerTask;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The reference profile P of docs/tunnel-http.md §18 in Java (start it with {@link #TOKENS}). Every handler records what it
 * saw in the {@link Recorder}.
 */
@Configuration(proxyBeanMethods = false)
@Import({ ProfileP.Recorder.class, ProfileP.Tasks.class, ProfileP.Events.class })
public class ProfileP {

	/** The token of profile P. */
	public static final String TOKENS = "runner.auth.tokens=secret";

	/** The body of the typed error {@code app.errors.Conflict} (case 43). */
	public static final String CONFLICT = "{\"ok\":false,\"error\":{\"message\":\"{\\\"reason\\\":\\\"dup\\\"}\","
			+ "\"code\":\"INTERNAL_ERROR\",\"id\":\"app.errors.Conflict\",\"data\":{\"reason\":\"dup\"},"
			+ "\"httpCode\":409}}";

	public static RunnerException conflict() {
		return new RunnerException("app.errors.Conflict", "{\"reason\":\"dup\"}", Map.of("reason", "dup"), 409);
	}

	public record AddInput(int a, int b) {
	}

	/**
	 * What the handlers saw, by task or event id, in call order; an absent or {@code null} value is recorded as
	 * {@code null}.
	 */
	public static class Recorder {

		private final Map<String, List<@Nullable Object>> seen = new ConcurrentHashMap<>();

		public void record(String id, @Nullable Object value) {
			this.seen.computeIfAbsent(id, (key) -> Collections.synchronizedList(new ArrayList<>())).add(value);
		}

		public List<@Nullable Object> seen(String id) {
			List<@Nullable Object> values = this.seen.get(id);
			if (values == null) {
				return List.of();
			}
			synchronized (values) {
				return new ArrayList<>(values);
			}
		}

		public void clear() {
			this.seen.clear();
		}

	}

	static class Tasks {

		private final Recorder recorder;

		Tasks(Recorder recorder) {
			this.recorder = recorder;
		}

		@RunnerTask("app.tasks.add")
		int add(AddInput input) {
			this.recorder.record("app.tasks.add", input);
			return input.a() + input.b();
		}

		@RunnerTask("app.tasks.echo")
		@Nullable Object echo(@Nullable Object input) {
			this.recorder.record("app.tasks.echo", input);
			return input;
		}

		@RunnerTask("app.tasks.fail")
		void fail() {
			this.recorder.record("app.tasks.fail", null);
			throw new IllegalStateException("secret db detail");
		}

		@RunnerTask("app.tasks.typed")
		void typed() {
			throw conflict();
		}

		@RunnerTask("app.tasks.typed500")
		void typed500() {
			throw new RunnerException("app.errors.Plain", "{\"x\":1}", Map.of("x", 1));
		}

		@RunnerTask("app.tasks/slash")
		String slash() {
			return "slash-ok";
		}

		@RunnerTask("app.tasks.void")
		void nothing() {
			this.recorder.record("app.tasks.void", null);
		}

		@RunnerTask(value = "app.tasks.hidden", exposed = false)
		String hidden() {
			this.recorder.record("app.tasks.hidden", null);
			return "hidden";
		}

	}

	static class Events {

		private final Recorder recorder;

		Events(Recorder recorder) {
			this.recorder = recorder;
		}

		@RunnerEvent("app.events.notify")
		@Nullable Map<String, Object> notify(@Nullable Map<String, Object> payload) {
			this.recorder.record("app.events.notify", payload);
			return (payload != null) ? with(payload, "touched", true) : null;
		}

		@RunnerEvent(value = "app.events.par", parallel = true)
		void parallel(@Nullable Object payload) {
			this.recorder.record("app.events.par", payload);
		}

		@RunnerEvent("app.events.fail")
		void fail(@Nullable Object payload) {
			this.recorder.record("app.events.fail", payload);
			throw new IllegalStateException("secret listener detail");
		}

		@RunnerEvent("app.events.typed")
		void typed(@Nullable Object payload) {
			throw conflict();
		}

		// app.events.chain: three listeners declared out of order; each appends to "trail" and replaces the payload

		@RunnerEvent(value = "app.events.chain", order = 20)
		Map<String, Object> third(Map<String, Object> payload) {
			return chain("third", payload, "c");
		}

		@RunnerEvent(value = "app.events.chain", order = -5)
		Map<String, Object> first(Map<String, Object> payload) {
			return chain("first", payload, "a");
		}

		@RunnerEvent(value = "app.events.chain", order = 10)
		Map<String, Object> second(Map<String, Object> payload) {
			return chain("second", payload, "b");
		}

		private Map<String, Object> chain(String listener, Map<String, Object> payload, String letter) {
			this.recorder.record("app.events.chain", listener + ":" + payload.get("trail"));
			return with(payload, "trail", payload.get("trail") + letter);
		}

		private static Map<String, Object> with(Map<String, Object> payload, String key, Object value) {
			Map<String, Object> copy = new LinkedHashMap<>(payload);
			copy.put(key, value);
			return copy;
		}

	}

}
