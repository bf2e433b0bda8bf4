package dev.runner.spring.socket;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.serializer.JsValues;
import dev.runner.spring.serializer.RunnerSerializationException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Reads client frames (docs/socket.md §2): one JSON object with a {@code type}, its values in the runner serializer's
 * format, decoded as HTTP bodies are. A frame that cannot be a request is an {@link Unreadable} error frame; a request
 * whose values cannot be decoded is an {@link Unreadable} {@code INVALID_JSON} result for its id.
 */
final class SocketFrameReader {

	static final int MAX_ID_LENGTH = 64;

	static final int MAX_CHANNEL_LENGTH = 256;

	/** Reads frames the serializer refused, to tell JSON that is not a frame from values that do not decode. */
	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	private final RunnerSerializer serializer;

	SocketFrameReader(RunnerSerializer serializer) {
		this.serializer = serializer;
	}

	/**
	 * Reads one text frame.
	 * @param bytes the frame's UTF-8 bytes
	 * @return the frame
	 * @throws Unreadable when the frame is not a well-formed client frame
	 */
	SocketFrame read(byte[] bytes) throws Unreadable {
		Object decoded;
		try {
			decoded = this.serializer.decode(bytes);
		}
		catch (RunnerSerializationException ex) {
			throw undecodable(bytes);
		}
		Map<String, Object> fields = JsValues.asPlainObject(decoded);
		if (fields == null) {
			throw new Unreadable(SocketRefusals.invalidFrame("A frame must be a JSON object"), null, false);
		}
		Object rawId = fields.get("id");
		String id = usableId(rawId);
		SocketFrame.Type type = SocketFrame.Type.of(fields.get("type"));
		if (type == null) {
			throw new Unreadable(SocketRefusals.invalidFrame("Unknown frame type"), id, false);
		}
		if (type.request() && id == null) {
			throw new Unreadable(SocketRefusals.invalidFrame(article(type) + type.wireName()
					+ " frame needs an id of 1-" + MAX_ID_LENGTH + " characters"), null, false);
		}
		String required = type.requiredField();
		if (required != null && !(fields.get(required) instanceof String)) {
			throw new Unreadable(SocketRefusals.invalidFrame(article(type) + type.wireName()
					+ " frame needs a string '" + required + "'"), id, false);
		}
		return new SocketFrame(type, type.request() ? id : null, fields);
	}

	/**
	 * Whether a channel name follows docs/socket.md §3: 1-256 characters, no control characters.
	 * @param channel the name
	 * @return whether it is valid
	 */
	static boolean isValidChannel(@Nullable String channel) {
		if (channel == null || channel.isEmpty() || channel.length() > MAX_CHANNEL_LENGTH) {
			return false;
		}
		for (int i = 0; i < channel.length(); i++) {
			if (Character.isISOControl(channel.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static String article(SocketFrame.Type type) {
		return ("aeiou".indexOf(type.wireName().charAt(0)) >= 0) ? "An " : "A ";
	}

	private static @Nullable String usableId(@Nullable Object id) {
		return (id instanceof String text && !text.isEmpty() && text.length() <= MAX_ID_LENGTH) ? text : null;
	}

	/**
	 * Tells why the serializer refused a frame: not JSON at all, or a request whose values do not decode.
	 */
	private static Unreadable undecodable(byte[] bytes) {
		JsonNode tree;
		try {
			tree = PLAIN.readTree(bytes);
		}
		catch (JacksonException | StackOverflowError ex) {
			return new Unreadable(SocketRefusals.invalidFrame("A frame must be JSON"), null, false);
		}
		String id = (tree != null && tree.isObject() && tree.get("id") != null && tree.get("id").isString())
				? usableId(tree.get("id").asString()) : null;
		SocketFrame.Type type = (tree != null && tree.isObject() && tree.get("type") != null)
				? SocketFrame.Type.of(tree.get("type").asString()) : null;
		if (id != null && type != null && type.request()) {
			return new Unreadable(RunnerRejectedException.invalidJson(), id, true);
		}
		return new Unreadable(SocketRefusals.invalidFrame("The frame's values cannot be decoded"), id, false);
	}

	/**
	 * A frame that is answered with an error: an {@code error} frame, or a failed {@code result} for its id.
	 */
	static final class Unreadable extends Exception {

		private final RunnerRejectedException refusal;

		private final @Nullable String id;

		private final boolean asResult;

		Unreadable(RunnerRejectedException refusal, @Nullable String id, boolean asResult) {
			super(refusal.getMessage(), null, false, false);
			this.refusal = refusal;
			this.id = id;
			this.asResult = asResult;
		}

		RunnerRejectedException refusal() {
			return this.refusal;
		}

		@Nullable String id() {
			return this.id;
		}

		/** Whether the answer is a failed {@code result} for {@link #id()}, rather than an {@code error} frame. */
		boolean asResult() {
			return this.asResult;
		}

	}

}
