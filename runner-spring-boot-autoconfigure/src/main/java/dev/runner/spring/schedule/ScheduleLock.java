package dev.runner.spring.schedule;

import java.time.Duration;
import java.util.Optional;

/**
 * A lock shared by the instances of an application, so that each occurrence of a schedule runs on one instance only:
 * the instance that gets the lock runs it, the others skip it. {@link ShedLockScheduleLock} is ShedLock's; without one
 * ({@link #NONE}) every instance runs every occurrence.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface ScheduleLock {

	/** No lock: every instance runs every occurrence. */
	ScheduleLock NONE = (name, lockAtMostFor, lockAtLeastFor) -> Optional.of(() -> {
	});

	/**
	 * Takes the lock if no instance holds it. Called on a schedule thread; it may block.
	 * @param name the lock name, {@code runner.schedule.<task id>}
	 * @param lockAtMostFor when to let the lock go even if it was not released (the instance died)
	 * @param lockAtLeastFor how long to keep the lock even when it is released sooner
	 * @return the held lock, or empty when another instance holds it
	 */
	Optional<Held> tryLock(String name, Duration lockAtMostFor, Duration lockAtLeastFor);

	/**
	 * A lock taken by {@link #tryLock}.
	 */
	@FunctionalInterface
	interface Held {

		/**
		 * Releases the lock (kept until its {@code lockAtLeastFor} is over). It may block; it is never called on a
		 * non-blocking thread.
		 */
		void release();

	}

}
