package dev.runner.spring.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import dev.runner.spring.client.RunnerClientObservationDocumentation.HighCardinalityKeyNames;
import dev.runner.spring.client.RunnerClientObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default {@link RunnerClientObservationConvention}: observations named {@code runner.client.task} and
 * {@code runner.client.event}, with the contextual (span) name {@code task <id>} or {@code event <id>}, the
 * low-cardinality keys {@code runner.client.name}, {@code runner.id}, {@code outcome} and {@code error.code}, and the
 * high-cardinality keys {@code runner.request.id} and {@code url.full}.
 *
 * @since 0.2.0
 */
public class DefaultRunnerClientObservationConvention implements RunnerClientObservationConvention {

	/** The default name of task calls. */
	public static final String TASK_NAME = "runner.client.task";

	/** The default name of event calls. */
	public static final String EVENT_NAME = "runner.client.event";

	private static final KeyValue SUCCESS = KeyValue.of(LowCardinalityKeyNames.OUTCOME, "SUCCESS");

	private static final KeyValue ERROR = KeyValue.of(LowCardinalityKeyNames.OUTCOME, "ERROR");

	private static final KeyValue UNKNOWN = KeyValue.of(LowCardinalityKeyNames.OUTCOME, "UNKNOWN");

	private static final KeyValue NO_ERROR_CODE = KeyValue.of(LowCardinalityKeyNames.ERROR_CODE, "none");

	private static final KeyValue NO_REQUEST_ID = KeyValue.of(HighCardinalityKeyNames.REQUEST_ID, "none");

	private final Map<String, KeyValues> names = new ConcurrentHashMap<>();

	/**
	 * Returns no name: the context already has {@value #TASK_NAME} or {@value #EVENT_NAME}, whichever the call is.
	 * @return {@code null}
	 */
	@Override
	public @Nullable String getName() {
		return null;
	}

	@Override
	public String getContextualName(RunnerClientObservationContext context) {
		return (context.isEvent() ? "event " : "task ") + context.getId();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RunnerClientObservationContext context) {
		KeyValues names = this.names.computeIfAbsent(context.getClientName() + '\u0000' + context.getId(),
				(key) -> KeyValues.of(KeyValue.of(LowCardinalityKeyNames.CLIENT_NAME, context.getClientName()),
						KeyValue.of(LowCardinalityKeyNames.ID, context.getId())));
		String errorCode = context.getErrorCode();
		KeyValue outcome = (errorCode != null) ? ERROR : context.isCompleted() ? SUCCESS : UNKNOWN;
		KeyValue code = (errorCode != null) ? KeyValue.of(LowCardinalityKeyNames.ERROR_CODE, errorCode)
				: NO_ERROR_CODE;
		return names.and(outcome, code);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RunnerClientObservationContext context) {
		String requestId = context.getRequestId();
		return KeyValues.of((requestId != null) ? KeyValue.of(HighCardinalityKeyNames.REQUEST_ID, requestId)
				: NO_REQUEST_ID, KeyValue.of(HighCardinalityKeyNames.URL, context.getUrl()));
	}

}
