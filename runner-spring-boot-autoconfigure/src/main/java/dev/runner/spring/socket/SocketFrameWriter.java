package dev.runner.spring.socket;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

import dev.runner.spring.core.RunnerError;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * Writes the server frames of docs/socket.md §2, and the error envelope of a refused upgrade (§1.2), as UTF-8 JSON, values with the runner serializer (the tree format of
 * HTTP bodies) and errors as {@link RunnerError#writeTo} writes them for HTTP.
 */
final class SocketFrameWriter {

	static final byte[] PONG = "{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8);

	private final RunnerSerializer serializer;

	SocketFrameWriter(RunnerSerializer serializer) {
		this.serializer = serializer;
	}

	byte[] ready(String socketId) {
		return write((generator) -> {
			generator.writeStringProperty("type", "ready");
			generator.writeStringProperty("socketId", socketId);
		});
	}

	/**
	 * {@code {"type":"result","id":…,"ok":true,"result":…}}.
	 * @param hasResult whether to write {@code result} ({@code false} for an event that returns no payload)
	 */
	byte[] result(String id, boolean hasResult, @Nullable Object result) {
		return write((generator) -> {
			generator.writeStringProperty("type", "result");
			generator.writeStringProperty("id", id);
			generator.writeBooleanProperty("ok", true);
			if (hasResult) {
				generator.writeName("result");
				this.serializer.write(generator, result);
			}
		});
	}

	/**
	 * {@code {"type":"result","id":…,"ok":false,"error":{…}}}.
	 */
	byte[] failedResult(String id, RunnerError error) {
		return write((generator) -> {
			generator.writeStringProperty("type", "result");
			generator.writeStringProperty("id", id);
			generator.writeBooleanProperty("ok", false);
			generator.writeName("error");
			error.writeTo(generator, this.serializer);
		});
	}

	/**
	 * {@code {"type":"error","id":…,"error":{…}}}, without {@code id} when the frame had no usable one.
	 */
	byte[] error(@Nullable String id, RunnerError error) {
		return write((generator) -> {
			generator.writeStringProperty("type", "error");
			if (id != null) {
				generator.writeStringProperty("id", id);
			}
			generator.writeName("error");
			error.writeTo(generator, this.serializer);
		});
	}

	/**
	 * The tunnel's error envelope {@code {"ok":false,"error":{…}}}, the body of a refused upgrade.
	 */
	byte[] envelope(RunnerError error) {
		return write((generator) -> {
			generator.writeBooleanProperty("ok", false);
			generator.writeName("error");
			error.writeTo(generator, this.serializer);
		});
	}

	byte[] message(String channel, @Nullable Object data) {
		return write((generator) -> {
			generator.writeStringProperty("type", "message");
			generator.writeStringProperty("channel", channel);
			generator.writeName("data");
			this.serializer.write(generator, data);
		});
	}

	byte[] direct(@Nullable Object data) {
		return write((generator) -> {
			generator.writeStringProperty("type", "direct");
			generator.writeName("data");
			this.serializer.write(generator, data);
		});
	}

	byte[] gap(String channel, int dropped) {
		return write((generator) -> {
			generator.writeStringProperty("type", "gap");
			generator.writeStringProperty("channel", channel);
			generator.writeNumberProperty("dropped", dropped);
		});
	}

	private byte[] write(Fields fields) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(128);
		try (JsonGenerator generator = this.serializer.createGenerator(out)) {
			generator.writeStartObject();
			fields.write(generator);
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	@FunctionalInterface
	private interface Fields {

		void write(JsonGenerator generator);

	}

}
