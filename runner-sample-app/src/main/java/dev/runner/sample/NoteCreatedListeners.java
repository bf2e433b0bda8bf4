package dev.runner.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.runner.spring.RunnerEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Listeners of {@code notes.events.created}, whose payload is the created note as a map.
 * <p>
 * The first listener replaces the payload with an audited copy; the second, which therefore sees that copy, counts
 * the emission.
 *
 * @since 0.1.0
 */
@Component
public class NoteCreatedListeners {

	/** Id of the event. */
	public static final String EVENT_ID = "notes.events.created";

	private final NoteEventCounter counter;

	NoteCreatedListeners(NoteEventCounter counter) {
		this.counter = counter;
	}

	/**
	 * Marks the payload as audited.
	 * @param payload the emitted payload
	 * @return a copy of the payload with {@code "audited": true}, which replaces it
	 */
	@RunnerEvent(value = EVENT_ID, order = 0)
	public Map<String, Object> audit(@Nullable Map<String, Object> payload) {
		Map<String, Object> audited = (payload != null) ? new LinkedHashMap<>(payload) : new LinkedHashMap<>();
		audited.put("audited", true);
		return audited;
	}

	/**
	 * Counts the emission.
	 * @param payload the payload as replaced by {@link #audit(Map)}
	 */
	@RunnerEvent(value = EVENT_ID, order = 10)
	public void count(@Nullable Map<String, Object> payload) {
		Object id = (payload != null) ? payload.get("id") : null;
		this.counter.record((id != null) ? id.toString() : null);
	}

}
