package dev.runner.sample;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;

import dev.runner.spring.RunnerTask;

import org.springframework.stereotype.Component;

/**
 * The notes tasks served over the runner tunnel.
 * <p>
 * {@code notes.create} does not emit {@code notes.events.created}; the caller does, so that it can read the audited
 * payload back.
 *
 * @since 0.1.0
 */
@Component
public class NoteTasks {

	private final NoteStore store;

	NoteTasks(NoteStore store) {
		this.store = store;
	}

	/**
	 * Stores a note.
	 * @param input the new note
	 * @return the stored note
	 */
	@RunnerTask(value = "notes.create", description = "stores a note")
	public Note create(@Valid NewNote input) {
		return this.store.add(input);
	}

	/**
	 * Reads one note.
	 * @param id the note id
	 * @return the note
	 * @throws NoteNotFoundException if there is no such note
	 */
	@RunnerTask(value = "notes.get", description = "reads one note")
	public Note get(String id) {
		return this.store.find(id).orElseThrow(() -> new NoteNotFoundException(id));
	}

	/**
	 * Lists the notes in creation order.
	 * @return the notes
	 */
	@RunnerTask(value = "notes.list", description = "lists the notes in creation order")
	public List<Note> list() {
		return this.store.all();
	}

	/**
	 * Counts the notes.
	 * @return the number of notes
	 */
	@RunnerTask(value = "notes.count", description = "counts the notes")
	public long count() {
		return this.store.size();
	}

	/**
	 * Maps each tag to the ids of its notes.
	 * @return the tag index
	 */
	@RunnerTask(value = "notes.tagIndex", description = "maps each tag to the ids of its notes")
	public Map<String, Set<String>> tagIndex() {
		return this.store.tagIndex();
	}

	/**
	 * Removes every note.
	 */
	@RunnerTask(value = "notes.clear", description = "removes every note")
	public void clear() {
		this.store.clear();
	}

	/**
	 * Removes the notes created before a point in time. Maintenance only: not served over HTTP.
	 * @param cutoff the oldest creation time to keep
	 * @return how many notes were removed
	 */
	@RunnerTask(value = "notes.purge", description = "removes old notes (in-process only)", exposed = false)
	public int purge(Instant cutoff) {
		return this.store.removeCreatedBefore(cutoff);
	}

}
