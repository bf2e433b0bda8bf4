package dev.runner.spring.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.serializer.JsValues;

/**
 * What a decoded JSON body means for a task (docs/tunnel-http.md §3.2: the {@code input} of a plain object that has
 * one, else the body itself) and for an event (§3.5: {@code payload} and a truthy {@code returnPayload}; no bare
 * form), with the serializer's JavaScript value rules.
 */
final class TunnelBodies {

	private TunnelBodies() {
	}

	/**
	 * Returns the task input of a decoded body.
	 * @return the input; {@code null} when absent or JSON {@code null}
	 */
	static @Nullable Object taskInput(@Nullable Object body) {
		Map<String, Object> object = JsValues.asPlainObject(body);
		return JsValues.undefinedAsNull((object != null && object.containsKey("input")) ? object.get("input") : body);
	}

	/**
	 * Returns the event payload of a decoded body.
	 * @return the payload; {@code null} when absent or JSON {@code null}
	 */
	static @Nullable Object eventPayload(@Nullable Object body) {
		return JsValues.undefinedAsNull(JsValues.property(body, "payload"));
	}

	/**
	 * Whether a decoded event body asks for the final payload.
	 * @return whether {@code returnPayload} is truthy
	 */
	static boolean returnPayload(@Nullable Object body) {
		return JsValues.isTruthy(JsValues.property(body, "returnPayload"));
	}

}
