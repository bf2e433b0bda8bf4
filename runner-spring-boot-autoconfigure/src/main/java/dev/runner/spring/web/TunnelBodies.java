package dev.runner.spring.web;

import java.math.BigInteger;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.serializer.JsMap;
import dev.runner.spring.serializer.JsUndefined;

/**
 * What a decoded JSON body means for a task (tunnel-http.md §3.2: the {@code input} of a wrapper object, else the
 * body itself) and for an event (§3.5: {@code payload} and a truthy {@code returnPayload}; no bare form).
 */
final class TunnelBodies {

	private TunnelBodies() {
	}

	/**
	 * Returns the task input of a decoded body.
	 * @return the input; {@code null} when absent or JSON {@code null}
	 */
	static @Nullable Object taskInput(@Nullable Object body) {
		Object input = (isPlainObject(body) && ((Map<?, ?>) body).containsKey("input")) ? ((Map<?, ?>) body).get("input")
				: body;
		return absentAsNull(input);
	}

	/**
	 * Returns the event payload of a decoded body.
	 * @return the payload; {@code null} when absent or JSON {@code null}
	 */
	static @Nullable Object eventPayload(@Nullable Object body) {
		return isPlainObject(body) ? absentAsNull(((Map<?, ?>) body).get("payload")) : null;
	}

	/**
	 * Whether a decoded event body asks for the final payload, with JavaScript truthiness.
	 * @return whether {@code returnPayload} is truthy
	 */
	static boolean returnPayload(@Nullable Object body) {
		return isPlainObject(body) && isTruthy(((Map<?, ?>) body).get("returnPayload"));
	}

	private static boolean isPlainObject(@Nullable Object body) {
		return body instanceof Map<?, ?> && !(body instanceof JsMap);
	}

	private static @Nullable Object absentAsNull(@Nullable Object value) {
		return (value != JsUndefined.INSTANCE) ? value : null;
	}

	static boolean isTruthy(@Nullable Object value) {
		if (value == null || value == JsUndefined.INSTANCE) {
			return false;
		}
		if (value instanceof Boolean bool) {
			return bool;
		}
		if (value instanceof String string) {
			return !string.isEmpty();
		}
		if (value instanceof BigInteger bigInteger) {
			return bigInteger.signum() != 0;
		}
		if (value instanceof Number number) {
			double d = number.doubleValue();
			return d != 0 && !Double.isNaN(d);
		}
		return true;
	}

}
