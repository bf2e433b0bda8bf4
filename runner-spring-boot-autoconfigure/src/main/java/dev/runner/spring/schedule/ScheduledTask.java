package dev.runner.spring.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.log.LogMessage;

import dev.runner.spring.RunnerAuthentication;
import dev.runner.spring.core.InProcessRunnerContext;
import dev.runner.spring.core.RunnerError;
import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerScheduleListener;
import dev.runner.spring.core.RunnerScheduleStatistics;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The occurrences of one schedule, each called on a schedule thread: skipped while the previous run is still going,
 * skipped when another instance holds the lock, otherwise a run of the task through {@link RunnerExecution} with a
 * fresh {@link InProcessRunnerContext} authenticated as {@link RunnerAuthentication#SCHEDULE}. The run goes on on the
 * pipeline's threads; the schedule thread only starts it. A failed run is logged at {@code WARN} and counted.
 */
final class ScheduledTask implements Runnable {

	private static final Log logger = LogFactory.getLog(ScheduledTask.class);

	private final ResolvedSchedule schedule;

	private final RunnerExecution execution;

	private final RunnerSerializer serializer;

	private final ScheduleLock lock;

	private final RunnerScheduleListener listener;

	private final String lockName;

	private final AtomicBoolean running = new AtomicBoolean();

	private final AtomicLong runs = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private final Disposable.Swap current = Disposables.swap();

	ScheduledTask(ResolvedSchedule schedule, RunnerExecution execution, RunnerSerializer serializer,
			ScheduleLock lock, RunnerScheduleListener listener) {
		this.schedule = schedule;
		this.execution = execution;
		this.serializer = serializer;
		this.lock = lock;
		this.listener = listener;
		this.lockName = "runner.schedule." + schedule.task().id();
	}

	@Override
	public void run() {
		String id = this.schedule.task().id();
		if (!this.running.compareAndSet(false, true)) {
			this.skipped.incrementAndGet();
			this.listener.skipped(id);
			logger.debug(LogMessage.format("Skipped an occurrence of the schedule of task %s: its previous run is "
					+ "still going", id));
			return;
		}
		ScheduleLock.Held held = lock(id);
		if (held == null) {
			this.running.set(false);
			return;
		}
		this.runs.incrementAndGet();
		Object input = (this.schedule.input() != null) ? this.serializer.decode(this.schedule.input()) : null;
		InProcessRunnerContext context = new InProcessRunnerContext(this.serializer, RunnerAuthentication.SCHEDULE);
		this.current.update(this.execution.runTask(this.schedule.task(), input, context).doFinally((signal) -> {
			release(held);
			this.running.set(false);
		}).subscribe((result) -> {
		}, (failure) -> failed(id, context.requestId(), failure)));
	}

	private ScheduleLock.@Nullable Held lock(String id) {
		Instant now = Instant.now();
		try {
			Optional<ScheduleLock.Held> held = this.lock.tryLock(this.lockName, this.schedule.lockAtMostFor(),
					this.schedule.lockAtLeastFor(now));
			if (held.isEmpty()) {
				logger.debug(LogMessage.format("Skipped an occurrence of the schedule of task %s: another instance "
						+ "holds the lock %s", id, this.lockName));
			}
			return held.orElse(null);
		}
		catch (RuntimeException ex) {
			this.failures.incrementAndGet();
			this.listener.failed(id, RunnerError.INTERNAL_ERROR);
			logger.warn(LogMessage.format("Scheduled run of task %s did not start: the lock %s could not be taken "
					+ "(%s); the schedule goes on", id, this.lockName, ex), ex);
			return null;
		}
	}

	/**
	 * Releases the lock, off the event loop: a lock provider may block, and a reactive handler ends on a
	 * non-blocking thread.
	 */
	private static void release(ScheduleLock.Held held) {
		Runnable release = () -> {
			try {
				held.release();
			}
			catch (RuntimeException ex) {
				logger.warn("A schedule lock could not be released; it lapses after its lock-at-most-for", ex);
			}
		};
		if (Schedulers.isInNonBlockingThread()) {
			Schedulers.boundedElastic().schedule(release);
		}
		else {
			release.run();
		}
	}

	private void failed(String id, String requestId, Throwable failure) {
		RunnerError error = RunnerError.of(failure);
		this.failures.incrementAndGet();
		this.listener.failed(id, error.code());
		if (logger.isWarnEnabled()) {
			logger.warn("Scheduled run of task " + id + " failed: runner.request.id=" + requestId + " error.code="
					+ error.code() + " message=" + error.message() + " exception=" + failure
					+ "; the schedule goes on");
		}
	}

	/**
	 * Cancels the run going on, if any.
	 */
	void cancel() {
		Disposable run = this.current.get();
		if (run != null) {
			run.dispose();
		}
	}

	RunnerScheduleStatistics.Schedule describe(@Nullable Instant nextRun) {
		return new RunnerScheduleStatistics.Schedule(this.schedule.task().id(), this.schedule.cron(),
				this.schedule.zone().getId(), nextRun, this.runs.get(), this.failures.get(), this.skipped.get());
	}

	ResolvedSchedule schedule() {
		return this.schedule;
	}

}
