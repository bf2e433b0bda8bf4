package dev.runner.sample;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * In-memory, thread-safe store of notes, kept in creation order.
 *
 * @since 0.1.0
 */
@Component
public class NoteStore {

	private final Map<String, Note> notes = new LinkedHashMap<>();

	private final Clock clock;

	/**
	 * Creates an empty store that timestamps notes with the system clock.
	 */
	public NoteStore() {
		this(Clock.systemUTC());
	}

	NoteStore(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Stores a new note.
	 * @param input what the caller sent
	 * @return the stored note, with its id and creation time
	 */
	public synchronized Note add(NewNote input) {
		Set<String> tags = (input.tags() != null) ? Set.copyOf(new LinkedHashSet<>(input.tags())) : Set.of();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Note note = new Note(UUID.randomUUID().toString(), input.title(), input.body(), tags, input.remindAt(),
				now);
		this.notes.put(note.id(), note);
		return note;
	}

	/**
	 * Looks a note up.
	 * @param id the note id
	 * @return the note, or empty when there is none with this id
	 */
	public synchronized Optional<Note> find(String id) {
		return Optional.ofNullable(this.notes.get(id));
	}

	/**
	 * Returns all notes in creation order.
	 * @return the notes
	 */
	public synchronized List<Note> all() {
		return List.copyOf(this.notes.values());
	}

	/**
	 * Returns how many notes are stored.
	 * @return the number of notes
	 */
	public synchronized long size() {
		return this.notes.size();
	}

	/**
	 * Maps each tag to the ids of the notes that carry it, tags in alphabetical order.
	 * @return the tag index
	 */
	public synchronized Map<String, Set<String>> tagIndex() {
		Map<String, Set<String>> index = new TreeMap<>();
		for (Note note : all()) {
			note.tags().forEach((tag) -> index.computeIfAbsent(tag, (key) -> new LinkedHashSet<>()).add(note.id()));
		}
		return index;
	}

	/**
	 * Removes the notes created before a point in time.
	 * @param cutoff the oldest creation time to keep
	 * @return how many notes were removed
	 */
	public synchronized int removeCreatedBefore(Instant cutoff) {
		int before = this.notes.size();
		this.notes.values().removeIf((note) -> note.createdAt().isBefore(cutoff));
		return before - this.notes.size();
	}

	/**
	 * Removes every note.
	 */
	public synchronized void clear() {
		this.notes.clear();
	}

}
