package dev.runner.spring.serializer;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * TEMPORARY plain-Jackson stand-in for the runner serializer, replaced by the real implementation.
 */
public final class RunnerSerializer {

	public static final int DEFAULT_MAX_DEPTH = 1000;

	private final JsonMapper mapper;

	public RunnerSerializer(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public @Nullable Object decode(byte[] json) {
		return decode(json, 0, json.length);
	}

	public @Nullable Object decode(byte[] json, int offset, int length) {
		try {
			if (length == 0) {
				throw new RunnerSerializationException("runner.errors.serializer.syntax", "Invalid JSON payload.");
			}
			return this.mapper.readValue(json, offset, length, Object.class);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new RunnerSerializationException("runner.errors.serializer.syntax", "Invalid JSON payload.");
		}
	}

	public @Nullable Object decode(String json) {
		return decode(json.getBytes(StandardCharsets.UTF_8));
	}

	public @Nullable Object decode(InputStream json) {
		try {
			return decode(json.readAllBytes());
		}
		catch (java.io.IOException ex) {
			throw new RunnerSerializationException("runner.errors.serializer.syntax", "Invalid JSON payload.");
		}
	}

	public void write(JsonGenerator generator, @Nullable Object value) {
		try {
			if (value == JsUndefined.INSTANCE) {
				generator.writeStartObject();
				generator.writeStringProperty("__type", "Undefined");
				generator.writeNullProperty("value");
				generator.writeEndObject();
				return;
			}
			this.mapper.writeValue(generator, value);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new RunnerSerializationException("runner.errors.serializer.validation", ex.getOriginalMessage());
		}
	}

	public byte[] encode(@Nullable Object value) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try (JsonGenerator generator = createGenerator(out)) {
			write(generator, value);
		}
		return out.toByteArray();
	}

	public String encodeToString(@Nullable Object value) {
		return new String(encode(value), StandardCharsets.UTF_8);
	}

	public JsonGenerator createGenerator(OutputStream out) {
		return this.mapper.createGenerator(out);
	}

	public @Nullable Object convert(@Nullable Object decoded, Type targetType) {
		if (decoded == null || decoded == JsUndefined.INSTANCE) {
			return null;
		}
		try {
			return this.mapper.convertValue(decoded, this.mapper.constructType(targetType));
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new RunnerInputConversionException("", "invalid value");
		}
	}

}
