package dev.runner.spring.schedule;

import java.time.Duration;
import java.util.Optional;

import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;

/**
 * The {@link ScheduleLock} of a ShedLock {@link LockProvider} (Redis, JDBC, Mongo, ...): each occurrence takes the
 * provider's lock of its name for at most {@code lockAtMostFor} and at least {@code lockAtLeastFor}.
 *
 * @since 0.2.0
 */
public final class ShedLockScheduleLock implements ScheduleLock {

	private final LockProvider provider;

	/**
	 * Creates the lock.
	 * @param provider the application's lock provider
	 */
	public ShedLockScheduleLock(LockProvider provider) {
		this.provider = provider;
	}

	@Override
	public Optional<Held> tryLock(String name, Duration lockAtMostFor, Duration lockAtLeastFor) {
		LockConfiguration configuration = new LockConfiguration(ClockProvider.now(), name, lockAtMostFor,
				lockAtLeastFor);
		return this.provider.lock(configuration).map((lock) -> lock::unlock);
	}

}
