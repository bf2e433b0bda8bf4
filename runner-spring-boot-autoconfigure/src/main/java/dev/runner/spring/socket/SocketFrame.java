package dev.runner.spring.socket;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.serializer.JsValues;

/**
 * One client frame of docs/socket.md §2, decoded with the runner serializer: its type, its correlation id and its
 * fields, values included.
 *
 * @param type the frame type
 * @param id the correlation id, {@code null} for {@code auth} and {@code ping}
 * @param fields every field of the frame
 */
record SocketFrame(Type type, @Nullable String id, Map<String, Object> fields) {

	/**
	 * Returns a string field.
	 * @param name the field name
	 * @return the value, or {@code null} when absent or not a string
	 */
	@Nullable String text(String name) {
		return (this.fields.get(name) instanceof String text) ? text : null;
	}

	/**
	 * Returns a value field, {@code undefined} and absent as {@code null}.
	 * @param name the field name
	 * @return the decoded value
	 */
	@Nullable Object value(String name) {
		return JsValues.undefinedAsNull(this.fields.get(name));
	}

	/**
	 * The client frame types; the ones with a correlation id are requests.
	 */
	enum Type {

		AUTH("auth", false, "token"), PING("ping", false, null), TASK("task", true, "task"),
		EVENT("event", true, "event"), SUBSCRIBE("subscribe", true, "channel"),
		UNSUBSCRIBE("unsubscribe", true, "channel"), PUBLISH("publish", true, "channel"),
		CANCEL("cancel", true, null);

		private final String wireName;

		private final boolean request;

		private final @Nullable String requiredField;

		Type(String wireName, boolean request, @Nullable String requiredField) {
			this.wireName = wireName;
			this.request = request;
			this.requiredField = requiredField;
		}

		String wireName() {
			return this.wireName;
		}

		/** Whether the frame carries a correlation id. */
		boolean request() {
			return this.request;
		}

		/** The string field the frame must have, {@code null} for none. */
		@Nullable String requiredField() {
			return this.requiredField;
		}

		static @Nullable Type of(@Nullable Object wireName) {
			if (wireName instanceof String name) {
				for (Type type : values()) {
					if (type.wireName.equals(name)) {
						return type;
					}
				}
			}
			return null;
		}

	}

}
