package dev.runner.spring.actuate;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

import dev.runner.spring.contract.RunnerContracts;

import dev.runner.spring.core.EventDescriptor;
import dev.runner.spring.core.EventListenerDescriptor;
import dev.runner.spring.core.HandlerInvoker;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.RunnerBrokerStatistics;
import dev.runner.spring.core.RunnerScheduleStatistics;
import dev.runner.spring.core.RunnerSocketStatistics;
import dev.runner.spring.core.TaskDescriptor;
import dev.runner.spring.observation.RunnerExecutionStatistics;
import dev.runner.spring.core.RunnerExposure;

/**
 * {@link Endpoint @Endpoint} that lists every runner task and event: where its handler is, whether the tunnel serves
 * it, its input type, and how often it ran since start-up; and the schedules with their next run.
 *
 * @since 0.1.0
 */
@Endpoint(id = "runner")
public class RunnerEndpoint {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RunnerRegistry registry;

	private final @Nullable RunnerExposure exposure;

	private final @Nullable String basePath;

	private final @Nullable RunnerExecutionStatistics statistics;

	private @Nullable RunnerSocketStatistics sockets;

	private @Nullable RunnerBrokerStatistics broker;

	private @Nullable Supplier<Map<String, Object>> schemas;

	private @Nullable RunnerScheduleStatistics schedules;

	/**
	 * Creates the endpoint.
	 * @param registry the tasks and events
	 * @param exposure what the tunnel serves, {@code null} when the tunnel is off
	 * @param basePath where the tunnel is served, {@code null} when it is off
	 * @param statistics the live counts, {@code null} when not kept
	 */
	public RunnerEndpoint(RunnerRegistry registry, @Nullable RunnerExposure exposure, @Nullable String basePath,
			@Nullable RunnerExecutionStatistics statistics) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		this.exposure = exposure;
		this.basePath = basePath;
		this.statistics = statistics;
	}

	/**
	 * Sets what tells about the sockets open here, listed as {@code sockets} and {@code channels}.
	 * @param sockets the socket statistics, {@code null} when the socket door is off
	 */
	public void setSockets(@Nullable RunnerSocketStatistics sockets) {
		this.sockets = sockets;
	}

	/**
	 * Sets what tells about the broker, listed as {@code broker}.
	 * @param broker the broker statistics, {@code null} without a broker
	 */
	public void setBroker(@Nullable RunnerBrokerStatistics broker) {
		this.broker = broker;
	}

	/**
	 * Sets what tells about the schedules, listed as {@code schedules}.
	 * @param schedules the schedule statistics, {@code null} when schedules are off
	 * @since 0.2.0
	 */
	public void setSchedules(@Nullable RunnerScheduleStatistics schedules) {
		this.schedules = schedules;
	}

	/**
	 * Sets the contracts whose schemas are listed as {@code schemas}.
	 * @param contracts the contracts, {@code null} when they are not generated
	 */
	public void setContracts(@Nullable RunnerContracts contracts) {
		this.schemas = (contracts != null) ? SingletonSupplier.of(() -> JSON.convertValue(contracts.schemas(),
				new TypeReference<Map<String, Object>>() {
				})) : null;
	}

	private @Nullable Map<String, Object> schemas() {
		Supplier<Map<String, Object>> schemas = this.schemas;
		return (schemas != null) ? schemas.get() : null;
	}

	/**
	 * Describes every task and event.
	 * @return the description
	 */
	@ReadOperation
	public RunnerDescriptor runner() {
		List<TaskInfo> tasks = this.registry.tasks().stream().map(this::describe).toList();
		List<EventInfo> events = this.registry.events().stream().map(this::describe).toList();
		RunnerSocketStatistics sockets = this.sockets;
		RunnerBrokerStatistics broker = this.broker;
		BrokerInfo brokerInfo = (broker != null)
				? new BrokerInfo(broker.broker(), broker.instanceId(), List.copyOf(broker.heldChannels())) : null;
		if (sockets == null) {
			return new RunnerDescriptor(this.basePath, tasks, events, null, null, brokerInfo, schedules(), schemas());
		}
		List<ChannelInfo> channels = sockets.channelSubscribers()
			.entrySet()
			.stream()
			.map((channel) -> new ChannelInfo(channel.getKey(), channel.getValue()))
			.toList();
		return new RunnerDescriptor(this.basePath, tasks, events, sockets.socketCount(), channels, brokerInfo,
				schedules(), schemas());
	}

	private @Nullable List<ScheduleInfo> schedules() {
		RunnerScheduleStatistics schedules = this.schedules;
		if (schedules == null) {
			return null;
		}
		return schedules.schedules()
			.stream()
			.map((schedule) -> new ScheduleInfo(schedule.taskId(), schedule.cron(), schedule.zone(),
					(schedule.nextRun() != null) ? schedule.nextRun().toString() : null, schedule.runs(),
					schedule.failures(), schedule.skipped()))
			.toList();
	}

	private TaskInfo describe(TaskDescriptor task) {
		boolean exposed = this.exposure != null && this.exposure.servesTask(task.id());
		HandlerInvoker invoker = task.invoker();
		return new TaskInfo(task.id(), task.description(), task.beanName(), methodName(task.method()),
				task.handlerName(), exposed, typeName(invoker.inputType()), !invoker.isReactive(),
				(this.statistics != null) ? this.statistics.task(task.id()) : null);
	}

	private EventInfo describe(EventDescriptor event) {
		boolean exposed = this.exposure != null && this.exposure.servesEvent(event.id());
		List<ListenerInfo> listeners = Stream.concat(event.listeners().stream(), event.asyncListeners().stream())
			.map(RunnerEndpoint::describe)
			.toList();
		return new EventInfo(event.id(), exposed, event.parallel(), listeners,
				(this.statistics != null) ? this.statistics.event(event.id()) : null);
	}

	private static ListenerInfo describe(EventListenerDescriptor listener) {
		HandlerInvoker invoker = listener.invoker();
		return new ListenerInfo(listener.beanName(), methodName(listener.method()), listener.handlerName(),
				listener.order(), listener.async(), typeName(invoker.inputType()), !invoker.isReactive());
	}

	private static String methodName(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName() + Arrays
			.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

	private static @Nullable String typeName(@Nullable Type type) {
		return (type != null) ? type.getTypeName() : null;
	}

	/**
	 * Every task and event of the application.
	 *
	 * @param basePath where the tunnel is served, {@code null} when it is off
	 * @param tasks the tasks, sorted by id
	 * @param events the events, sorted by id
	 * @param sockets the authenticated sockets open here, {@code null} when the socket door is off
	 * @param channels the channels with local subscribers, {@code null} when the socket door is off
	 * @param broker the broker, {@code null} without one
	 * @param schedules the schedules, sorted by task id, {@code null} when schedules are off
	 * @param schemas the JSON Schemas of the served tasks and events, as {@code BASE/schema} answers them
	 * (docs/tunnel-http.md §19.1), {@code null} when they are not generated
	 */
	public record RunnerDescriptor(@Nullable String basePath, List<TaskInfo> tasks,
			List<EventInfo> events, @Nullable Integer sockets, @Nullable List<ChannelInfo> channels,
			@Nullable BrokerInfo broker, @Nullable List<ScheduleInfo> schedules,
			@Nullable Map<String, Object> schemas) implements OperationResponseBody {

	}

	/**
	 * One schedule and what it did on this instance since start-up.
	 *
	 * @param taskId the task id
	 * @param cron the cron expression, as declared
	 * @param zone the zone id the expression is read in
	 * @param nextRun the next occurrence as an ISO-8601 instant ({@code 2026-01-31T06:00:00Z}), {@code null} while the
	 * schedules are stopped
	 * @param runs the runs started on this instance
	 * @param failures the runs that ended with an error
	 * @param skipped the occurrences skipped because the previous run was still going
	 * @since 0.2.0
	 */
	public record ScheduleInfo(String taskId, String cron, String zone, @Nullable String nextRun, long runs,
			long failures, long skipped) {

	}

	/**
	 * The broker that carries channels across instances.
	 *
	 * @param name {@code redis}
	 * @param instance this instance's id
	 * @param channels the channels this instance holds at the broker, sorted
	 */
	public record BrokerInfo(String name, String instance, List<String> channels) {

	}

	/**
	 * One channel with subscribers on this instance.
	 *
	 * @param name the channel name
	 * @param subscribers the number of local sockets subscribed
	 */
	public record ChannelInfo(String name, int subscribers) {

	}

	/**
	 * One task.
	 *
	 * @param id the task id
	 * @param description the description from {@code @RunnerTask}, empty when none
	 * @param bean the name of the bean holding the handler
	 * @param method the handler method, as {@code declaring.Class.method(ParamTypes)}
	 * @param handler the handler, as {@code beanName#method(ParamTypes)}
	 * @param exposed whether the tunnel serves the task now
	 * @param inputType the declared input type, {@code null} when the handler takes none
	 * @param blocking whether the handler runs on the blocking scheduler (it returns no reactive type)
	 * @param calls how often the task ran since start-up, {@code null} when not counted
	 */
	public record TaskInfo(String id, String description, String bean, String method, String handler,
			boolean exposed, @Nullable String inputType, boolean blocking,
			RunnerExecutionStatistics.@Nullable Counts calls) {

	}

	/**
	 * One event.
	 *
	 * @param id the event id
	 * @param exposed whether the tunnel serves the event now
	 * @param parallel whether listeners of the same order run concurrently
	 * @param listeners the listeners the emission waits for, in the order they run, then the fire-and-forget ones
	 * (none for an event declared without listener)
	 * @param calls how often the event was emitted since start-up, {@code null} when not counted
	 */
	public record EventInfo(String id, boolean exposed, boolean parallel, List<ListenerInfo> listeners,
			RunnerExecutionStatistics.@Nullable Counts calls) {

	}

	/**
	 * One event listener.
	 *
	 * @param bean the name of the bean holding the listener
	 * @param method the listener method, as {@code declaring.Class.method(ParamTypes)}
	 * @param handler the listener, as {@code beanName#method(ParamTypes)}
	 * @param order the {@code @RunnerEvent(order)} value
	 * @param async whether the listener is fire-and-forget ({@code @RunnerEvent(async = true)}): the emission does not
	 * wait for it
	 * @param inputType the declared payload type, {@code null} when the listener takes none
	 * @param blocking whether the listener runs on the blocking scheduler
	 */
	public record ListenerInfo(String bean, String method, String handler, int order, boolean async,
			@Nullable String inputType, boolean blocking) {

	}

}
