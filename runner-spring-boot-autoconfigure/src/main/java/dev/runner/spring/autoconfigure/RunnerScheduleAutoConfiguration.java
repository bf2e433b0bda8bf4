package dev.runner.spring.autoconfigure;

import java.util.List;

import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.runner.spring.core.RunnerExecution;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.RunnerScheduleListener;
import dev.runner.spring.schedule.RunnerScheduler;
import dev.runner.spring.schedule.ScheduleDeclaration;
import dev.runner.spring.schedule.ScheduleLock;
import dev.runner.spring.schedule.ShedLockScheduleLock;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Auto-configuration of the schedules ({@code runner.schedules[<task id>]}, {@code @RunnerTask(cron)}): the
 * {@link RunnerScheduler}, on a task scheduler of its own made with Boot's {@link ThreadPoolTaskSchedulerBuilder}
 * (threads {@code runner-schedule-*}), and, when ShedLock is on the class path and the application declares a
 * {@link LockProvider} bean, the {@link ShedLockScheduleLock} that runs each occurrence on one instance only.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = { RunnerAutoConfiguration.class, RunnerObservationAutoConfiguration.class },
		afterName = "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration")
@ConditionalOnBooleanProperty(name = "runner.enabled", matchIfMissing = true)
@ConditionalOnBean(RunnerRegistry.class)
public final class RunnerScheduleAutoConfiguration {

	/** Prefix of the names of the schedule threads. */
	static final String THREAD_NAME_PREFIX = "runner-schedule-";

	@Bean
	@ConditionalOnMissingBean
	RunnerScheduler runnerScheduler(RunnerRegistry registry, RunnerExecution execution, RunnerSerializer serializer,
			RunnerProperties properties, ObjectProvider<ThreadPoolTaskSchedulerBuilder> builder,
			ObjectProvider<ScheduleLock> lock, ObjectProvider<RunnerScheduleListener> listener) {
		List<ScheduleDeclaration> declarations = properties.getSchedules()
			.entrySet()
			.stream()
			.map((entry) -> new ScheduleDeclaration(entry.getKey(), entry.getValue().getCron(),
					entry.getValue().getZone(), entry.getValue().getInput(), entry.getValue().getLockAtMostFor(),
					entry.getValue().getLockAtLeastFor()))
			.toList();
		ThreadPoolTaskSchedulerBuilder schedulerBuilder = builder.getIfAvailable(ThreadPoolTaskSchedulerBuilder::new);
		RunnerScheduler scheduler = new RunnerScheduler(registry, execution, serializer, declarations,
				() -> schedulerBuilder.threadNamePrefix(THREAD_NAME_PREFIX).build());
		scheduler.setLock(lock.getIfUnique(() -> ScheduleLock.NONE));
		scheduler.setListener(listener.getIfUnique(() -> RunnerScheduleListener.NONE));
		return scheduler;
	}

	/**
	 * Read only when ShedLock is on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LockProvider.class)
	static class ShedLockConfiguration {

		@Bean
		@ConditionalOnSingleCandidate(LockProvider.class)
		@ConditionalOnMissingBean(ScheduleLock.class)
		ShedLockScheduleLock runnerScheduleLock(LockProvider lockProvider) {
			return new ShedLockScheduleLock(lockProvider);
		}

	}

}
