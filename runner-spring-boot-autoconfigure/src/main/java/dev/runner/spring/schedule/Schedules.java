package dev.runner.spring.schedule;

import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.TaskDescriptor;
import dev.runner.spring.serializer.RunnerInputConversionException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Turns the declared schedules ({@code @RunnerTask(cron)} of the registry's tasks, then {@code runner.schedules},
 * which override them field by field) into checked ones, collecting every problem into one
 * {@link RunnerScheduleConfigurationException}.
 */
final class Schedules {

	private Schedules() {
	}

	/**
	 * Checks every schedule.
	 * @param registry the tasks, frozen
	 * @param declared the schedules of {@code runner.schedules}
	 * @param serializer decodes and converts the inputs
	 * @return the schedules, sorted by task id
	 * @throws RunnerScheduleConfigurationException if a schedule cannot be run
	 */
	static List<ResolvedSchedule> resolve(RunnerRegistry registry, List<ScheduleDeclaration> declared,
			RunnerSerializer serializer) {
		List<String> problems = new ArrayList<>();
		Map<String, ScheduleDeclaration> byId = new TreeMap<>();
		registry.tasks()
			.stream()
			.filter((task) -> !task.cron().isEmpty())
			.forEach((task) -> byId.put(task.id(), ScheduleDeclaration.ofAnnotation(task.id())));
		for (ScheduleDeclaration declaration : declared) {
			if (registry.task(declaration.taskId()) == null) {
				problems.add(property(declaration.taskId(), "") + " names no task: check the id, or remove it");
			}
			else {
				byId.put(declaration.taskId(), declaration);
			}
		}
		List<ResolvedSchedule> schedules = new ArrayList<>();
		byId.values().forEach((declaration) -> {
			TaskDescriptor task = registry.task(declaration.taskId());
			ResolvedSchedule schedule = (task != null) ? resolve(task, declaration, serializer, problems) : null;
			if (schedule != null) {
				schedules.add(schedule);
			}
		});
		if (!problems.isEmpty()) {
			throw new RunnerScheduleConfigurationException(problems);
		}
		return List.copyOf(schedules);
	}

	private static @Nullable ResolvedSchedule resolve(TaskDescriptor task, ScheduleDeclaration declaration,
			RunnerSerializer serializer, List<String> problems) {
		int before = problems.size();
		String id = task.id();
		boolean ownCron = declaration.cron() != null;
		String cron = ownCron ? declaration.cron().trim() : task.cron();
		CronExpression expression = null;
		if (cron.isEmpty()) {
			problems.add(property(id, "") + " has no cron, and " + task.handlerName()
					+ " declares no @RunnerTask(cron): set " + property(id, ".cron"));
		}
		else {
			expression = cron(cron, ownCron ? property(id, ".cron") : annotation(task, "cron"), problems);
		}
		boolean ownZone = declaration.zone() != null;
		ZoneId zone = zone(ownZone ? declaration.zone().trim() : task.zone(),
				ownZone ? property(id, ".zone") : annotation(task, "zone"), problems);
		if (declaration.input() != null) {
			checkInput(task, declaration.input(), serializer, problems);
		}
		else if (task.invoker().inputType() instanceof Class<?> type && type.isPrimitive()) {
			problems.add(task.handlerName() + " takes a " + type.getName() + " input, which a schedule without input "
					+ "cannot give: set " + property(id, ".input"));
		}
		checkLock(id, declaration, problems);
		if (problems.size() > before || expression == null || zone == null) {
			return null;
		}
		return new ResolvedSchedule(task, cron, zone, expression, declaration.input(), declaration.lockAtMostFor(),
				declaration.lockAtLeastFor());
	}

	private static @Nullable CronExpression cron(String cron, String where, List<String> problems) {
		try {
			return CronExpression.parse(cron);
		}
		catch (IllegalArgumentException ex) {
			problems.add(where + " '" + cron + "' is not a cron expression (" + ex.getMessage() + "): write it in "
					+ "Spring's cron syntax, six fields from the second, for example 0 */5 * * * * or @hourly");
			return null;
		}
	}

	private static @Nullable ZoneId zone(String zone, String where, List<String> problems) {
		if (zone.isEmpty()) {
			return ZoneId.systemDefault();
		}
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			problems.add(where + " '" + zone + "' is not a time zone id (" + ex.getMessage()
					+ "): use a region such as Europe/Paris, or UTC");
			return null;
		}
	}

	private static void checkInput(TaskDescriptor task, String input, RunnerSerializer serializer,
			List<String> problems) {
		String where = property(task.id(), ".input");
		Type type = task.invoker().inputType();
		if (type == null) {
			problems.add(where + " is set but " + task.handlerName() + " takes no input: remove it");
			return;
		}
		Object decoded;
		try {
			decoded = serializer.decode(input);
		}
		catch (RuntimeException ex) {
			problems.add(where + " is not runner JSON (" + ex.getMessage() + "): write the input as the tunnel's "
					+ "request carries it, for example {\"name\":\"x\"}");
			return;
		}
		try {
			serializer.convert(decoded, type);
		}
		catch (RunnerInputConversionException ex) {
			String path = ex.path().isEmpty() ? "" : " at " + ex.path();
			problems.add(where + " does not convert to " + type.getTypeName() + ", the input type of "
					+ task.handlerName() + path + ": " + ex.getMessage());
		}
	}

	private static void checkLock(String id, ScheduleDeclaration declaration, List<String> problems) {
		Duration atMost = declaration.lockAtMostFor();
		Duration atLeast = declaration.lockAtLeastFor();
		if (atMost.isNegative() || atMost.isZero()) {
			problems.add(property(id, ".lock-at-most-for") + " is " + atMost + ": it must be positive");
		}
		else if (atLeast != null && (atLeast.isNegative() || atLeast.compareTo(atMost) > 0)) {
			problems.add(property(id, ".lock-at-least-for") + " is " + atLeast + ": it must be between 0 and "
					+ property(id, ".lock-at-most-for") + " (" + atMost + ")");
		}
	}

	private static String property(String id, String field) {
		return "runner.schedules[" + id + "]" + field;
	}

	private static String annotation(TaskDescriptor task, String attribute) {
		return "@RunnerTask(" + attribute + ") of " + task.handlerName();
	}

}
