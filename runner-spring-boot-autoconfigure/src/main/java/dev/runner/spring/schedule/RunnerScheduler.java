package dev.runner.spring.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.log.LogMessage;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.RunnerScheduleListener;
import dev.runner.spring.core.RunnerScheduleStatistics;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Runs the schedules of the application ({@code runner.schedules[<task id>]} and {@code @RunnerTask(cron)}) on a
 * {@link ThreadPoolTaskScheduler} of its own, made when the context starts and shut down when it stops or closes, so
 * that a restart leaves no thread behind. The schedules are checked once all singletons exist (the registry is frozen
 * then): a bad one fails the start-up with a {@link RunnerScheduleConfigurationException} listing every problem.
 * Without schedules no thread is made.
 * <p>
 * Each occurrence runs the task through the pipeline like an in-process call, authenticated as
 * {@link dev.runner.spring.RunnerAuthentication#SCHEDULE}, with a fresh request id. An occurrence that comes while
 * the previous run of the same schedule is still going is skipped (logged at {@code DEBUG}, counted). With a
 * {@link ScheduleLock} other than {@link ScheduleLock#NONE} an occurrence runs on the one instance that takes its
 * lock. A failed run is logged at {@code WARN} and counted; the schedule goes on. Stopping cancels the runs going on.
 * The schedules start last and stop first ({@link SmartLifecycle#DEFAULT_PHASE}).
 *
 * @since 0.2.0
 */
public class RunnerScheduler
		implements SmartInitializingSingleton, SmartLifecycle, DisposableBean, RunnerScheduleStatistics {

	private static final Log logger = LogFactory.getLog(RunnerScheduler.class);

	private final RunnerRegistry registry;

	private final RunnerExecution execution;

	private final RunnerSerializer serializer;

	private final List<ScheduleDeclaration> declarations;

	private final Supplier<ThreadPoolTaskScheduler> taskSchedulers;

	private ScheduleLock lock = ScheduleLock.NONE;

	private RunnerScheduleListener listener = RunnerScheduleListener.NONE;

	private volatile List<ScheduledTask> tasks = List.of();

	private final List<ScheduledFuture<?>> futures = new ArrayList<>();

	private @Nullable ThreadPoolTaskScheduler taskScheduler;

	private volatile boolean running;

	/**
	 * Creates the scheduler.
	 * @param registry the tasks, frozen before {@link #afterSingletonsInstantiated()}
	 * @param execution the pipeline each run goes through
	 * @param serializer decodes and converts the inputs
	 * @param declarations the schedules of {@code runner.schedules}, which override the annotations' field by field
	 * @param taskSchedulers makes the (not yet initialized) task scheduler at each start
	 */
	public RunnerScheduler(RunnerRegistry registry, RunnerExecution execution, RunnerSerializer serializer,
			List<ScheduleDeclaration> declarations, Supplier<ThreadPoolTaskScheduler> taskSchedulers) {
		this.registry = registry;
		this.execution = execution;
		this.serializer = serializer;
		this.declarations = List.copyOf(declarations);
		this.taskSchedulers = taskSchedulers;
	}

	/**
	 * Sets the lock that lets one instance only run each occurrence.
	 * @param lock the lock; {@link ScheduleLock#NONE} (the default) to run every occurrence on every instance
	 */
	public void setLock(ScheduleLock lock) {
		this.lock = lock;
	}

	/**
	 * Sets who hears of failed runs and skipped occurrences (metrics).
	 * @param listener the listener; {@link RunnerScheduleListener#NONE} by default
	 */
	public void setListener(RunnerScheduleListener listener) {
		this.listener = listener;
	}

	/**
	 * Checks the schedules against the registry.
	 * @throws RunnerScheduleConfigurationException if a schedule cannot be run
	 */
	@Override
	public void afterSingletonsInstantiated() {
		this.tasks = Schedules.resolve(this.registry, this.declarations, this.serializer)
			.stream()
			.map((schedule) -> new ScheduledTask(schedule, this.execution, this.serializer, this.lock,
					this.listener))
			.toList();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		List<ScheduledTask> tasks = this.tasks;
		if (!tasks.isEmpty()) {
			ThreadPoolTaskScheduler scheduler = this.taskSchedulers.get();
			scheduler.initialize();
			this.taskScheduler = scheduler;
			for (ScheduledTask task : tasks) {
				ResolvedSchedule schedule = task.schedule();
				ScheduledFuture<?> future = scheduler.schedule(task, new CronTrigger(schedule.cron(), schedule.zone()));
				if (future != null) {
					this.futures.add(future);
				}
			}
			logger.debug(LogMessage.format("Started %d runner schedules", tasks.size()));
		}
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.futures.forEach((future) -> future.cancel(false));
		this.futures.clear();
		this.tasks.forEach(ScheduledTask::cancel);
		ThreadPoolTaskScheduler scheduler = this.taskScheduler;
		if (scheduler != null) {
			scheduler.shutdown();
			this.taskScheduler = null;
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() {
		stop();
	}

	@Override
	public List<Schedule> schedules() {
		Instant now = Instant.now();
		boolean running = this.running;
		return this.tasks.stream().map((task) -> task.describe(running ? task.schedule().next(now) : null)).toList();
	}

}
