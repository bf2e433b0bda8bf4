package dev.runner.spring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.common.KeyValue;
import io.micrometer.common.docs.KeyName;

import dev.runner.spring.core.RunnerError;
import dev.runner.spring.observation.RunnerObservationDocumentation.HighCardinalityKeyNames;

/**
 * The key values shared by the default conventions. Values that depend on the task or event only (its id key value
 * and the contextual name) are built once per id; the others are constants, except the exception's class name.
 */
final class RunnerKeyValues {

	static final String SUCCESS = "SUCCESS";

	static final String ERROR = "ERROR";

	static final String UNKNOWN = "UNKNOWN";

	/** Value of the {@code error.code} and {@code exception} keys when the execution did not fail. */
	static final String NONE = "none";

	private final KeyValue outcomeSuccess;

	private final KeyValue outcomeError;

	private final KeyValue outcomeUnknown;

	private final KeyName errorCodeKey;

	private final Map<String, KeyValue> errorCodes = new ConcurrentHashMap<>();

	private final KeyValue noErrorCode;

	private final KeyName exceptionKey;

	private final KeyValue noException;

	private final KeyName idKey;

	private final String contextualPrefix;

	private final Map<String, Names> names = new ConcurrentHashMap<>();

	RunnerKeyValues(KeyName idKey, KeyName outcomeKey, KeyName errorCodeKey, KeyName exceptionKey,
			String contextualPrefix) {
		this.idKey = idKey;
		this.outcomeSuccess = outcomeKey.withValue(SUCCESS);
		this.outcomeError = outcomeKey.withValue(ERROR);
		this.outcomeUnknown = outcomeKey.withValue(UNKNOWN);
		this.errorCodeKey = errorCodeKey;
		this.noErrorCode = errorCodeKey.withValue(NONE);
		this.exceptionKey = exceptionKey;
		this.noException = exceptionKey.withValue(NONE);
		this.contextualPrefix = contextualPrefix;
	}

	KeyValue id(RunnerObservationContext context) {
		return names(context.getId()).id();
	}

	String contextualName(RunnerObservationContext context) {
		return names(context.getId()).contextualName();
	}

	private Names names(String id) {
		Names names = this.names.get(id);
		if (names == null) {
			names = this.names.computeIfAbsent(id,
					(key) -> new Names(this.idKey.withValue(key), this.contextualPrefix + key));
		}
		return names;
	}

	KeyValue outcome(RunnerObservationContext context) {
		if (context.getError() != null) {
			return this.outcomeError;
		}
		return context.isCompleted() ? this.outcomeSuccess : this.outcomeUnknown;
	}

	KeyValue errorCode(RunnerObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			return context.isCancelled() ? errorCode(RunnerError.REQUEST_ABORTED) : this.noErrorCode;
		}
		return errorCode(RunnerError.of(error).code());
	}

	/**
	 * The key value of an error code; the codes are the protocol's, a small fixed set.
	 */
	private KeyValue errorCode(String code) {
		KeyValue keyValue = this.errorCodes.get(code);
		return (keyValue != null) ? keyValue : this.errorCodes.computeIfAbsent(code, this.errorCodeKey::withValue);
	}

	KeyValue exception(RunnerObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			return this.noException;
		}
		String name = error.getClass().getSimpleName();
		return this.exceptionKey.withValue(name.isEmpty() ? error.getClass().getName() : name);
	}

	static KeyValue requestId(RunnerObservationContext context) {
		return HighCardinalityKeyNames.REQUEST_ID.withValue(context.getRequestId());
	}

	private record Names(KeyValue id, String contextualName) {

	}

}
