package dev.runner.spring.serializer;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runner serializer: reads and writes the JSON value format of {@code @bluelibs/runner} 5.5.0 (docs/serializer.md)
 * and binds decoded values to Java parameter types.
 * <p>
 * <b>Decoding</b> ({@code decode}, §2-§6) accepts the tree and the graph format (auto-detected on the root object)
 * and yields {@code null}, {@link Boolean}, {@link String}, {@link Long} (integers that fit), {@link Double} (other
 * numbers, NaN and infinities), {@code ArrayList<Object>}, {@code LinkedHashMap<String,Object>} (plain objects:
 * reserved keys unescaped, {@code __proto__}/{@code constructor}/{@code prototype} dropped) and, for type records,
 * {@link JsUndefined}, {@link java.math.BigInteger}, {@link java.time.Instant}, {@link JsRegExp}, {@link JsMap},
 * {@code LinkedHashSet<Object>}, {@link JsSymbol}, {@link JsError}, {@link java.net.URI} (or {@link JsUrl}),
 * {@link JsUrlSearchParams}, {@code byte[]} (ArrayBuffer, DataView, Buffer, Int8/Uint8/Uint8Clamped arrays),
 * {@code short[]}, {@code char[]}, {@code int[]}, {@code long[]}, {@code float[]}, {@code double[]} and
 * {@code BigInteger[]} (§9.1, little-endian). Every failure, including text that is not JSON and values nested more
 * than {@value #DEFAULT_MAX_DEPTH} levels, throws {@link RunnerSerializationException}.
 * <p>
 * <b>Encoding</b> ({@code write}, {@code encode}, §3, §9.2, §9.3) writes the tree format: JavaScript number text,
 * type records for undefined ({@link JsUndefined}, empty {@link java.util.Optional}), non-finite numbers, big
 * integers, dates ({@code Instant}, {@code Date}, {@code OffsetDateTime}, {@code ZonedDateTime}, {@code Calendar}),
 * regular expressions, {@link JsMap} and maps with non-string keys, sets, symbols, throwables, URLs, search params
 * and binary ({@code byte[]} as Uint8Array, {@code ByteBuffer} as ArrayBuffer); reserved keys escaped, unsafe keys
 * dropped, JavaScript key order. Records and POJOs are written as plain objects with the properties the given
 * mapper's Jackson configuration defines; types with their own Jackson serializer are written as Jackson writes
 * them. Cycles, functions, streams, threads and other opaque objects, and instants outside the JavaScript range
 * throw {@link RunnerSerializationException}; I/O failures of a caller's generator propagate as Jackson exceptions.
 * <p>
 * <b>Binding</b> ({@link #convert}, §9.1) turns a decoded value into a parameter type with the given mapper.
 * <p>
 * Instances are thread-safe; per-class metadata is resolved once.
 *
 * @since 0.1.0
 */
public final class RunnerSerializer {

	/** The Runner depth limit, applied on decode and encode (§6.1). */
	public static final int DEFAULT_MAX_DEPTH = 1000;

	private static final byte[] PROTOTYPE = "prototype\"".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] CONSTRUCTOR = "constructor\"".getBytes(StandardCharsets.US_ASCII);

	private static final int JACKSON_MAX_NESTING = 2 * DEFAULT_MAX_DEPTH + 100;

	private final JsonFactory factory;

	private final TreeDecoder decoder;

	private final TreeEncoder encoder;

	private final InputConverter converter;

	private final ClassCodecs classCodecs;

	/**
	 * Creates a serializer.
	 * @param mapper the application's mapper, used to discover record and POJO properties when encoding and to
	 * convert values in {@link #convert}
	 */
	public RunnerSerializer(JsonMapper mapper) {
		this(mapper, List.of());
	}

	/**
	 * Creates a serializer with custom types.
	 * @param mapper the application's mapper, used to discover record and POJO properties when encoding and to
	 * convert values in {@link #convert}
	 * @param customTypes the custom types (docs/serializer.md §8)
	 * @throws IllegalArgumentException if a custom type takes a builtin type id or two take the same id
	 */
	public RunnerSerializer(JsonMapper mapper, List<? extends RunnerTypeCodec<?>> customTypes) {
		CustomTypes custom = new CustomTypes(customTypes);
		this.factory = JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JACKSON_MAX_NESTING).build())
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(JACKSON_MAX_NESTING).build())
			.disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
			.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
			.disable(JsonWriteFeature.ESCAPE_NON_ASCII)
			.disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
			.disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
			.build();
		ClassCodecs codecs = new ClassCodecs(mapper, custom);
		this.classCodecs = codecs;
		this.decoder = new TreeDecoder(DEFAULT_MAX_DEPTH, custom);
		this.encoder = new TreeEncoder(DEFAULT_MAX_DEPTH, codecs,
				new JacksonFallback(mapper, codecs, DEFAULT_MAX_DEPTH));
		this.converter = new InputConverter(mapper, DEFAULT_MAX_DEPTH);
	}

	/**
	 * Returns the type id of the record (docs/serializer.md §3.2) this serializer writes for every instance of a
	 * class, the same classification the encoder uses: {@code Date} for an {@code Instant}, {@code Set} for a
	 * {@code Set}, a custom type's id for a class a {@link RunnerTypeCodec} encodes... For descriptions of the wire,
	 * such as the published contracts; resolved once per class.
	 * @param type the class
	 * @return the type id, or {@code null} when instances travel as plain JSON or the record depends on the value (a
	 * {@code Map} with keys that are not strings, a non-finite {@code Double}, an empty {@code Optional})
	 */
	public @Nullable String typeRecordId(Class<?> type) {
		return this.classCodecs.get(type).typeRecordId();
	}

	/**
	 * Returns the custom type that encodes a class.
	 * @param type the class
	 * @return the codec, or {@code null} when no {@link RunnerTypeCodec} encodes it (builtin types win)
	 */
	public @Nullable RunnerTypeCodec<?> typeCodec(Class<?> type) {
		return this.classCodecs.get(type).custom();
	}

	/**
	 * Decodes a UTF-8 JSON document (tree or graph format).
	 * @param json the document
	 * @return the decoded value, {@code null} for JSON {@code null}
	 * @throws RunnerSerializationException if the document is not valid runner JSON
	 */
	public @Nullable Object decode(byte[] json) {
		return decode(json, 0, json.length);
	}

	/**
	 * Decodes a UTF-8 JSON document held in part of an array.
	 * @param json the array
	 * @param offset the offset of the document
	 * @param length the length of the document
	 * @return the decoded value, {@code null} for JSON {@code null}
	 * @throws RunnerSerializationException if the document is not valid runner JSON
	 */
	public @Nullable Object decode(byte[] json, int offset, int length) {
		try {
			return decode(this.factory.createParser(ObjectReadContext.empty(), json, offset, length));
		}
		catch (JacksonException ex) {
			throw RunnerSerializationException.invalidJson(ex);
		}
	}

	/**
	 * Decodes a JSON document.
	 * @param json the document
	 * @return the decoded value, {@code null} for JSON {@code null}
	 * @throws RunnerSerializationException if the document is not valid runner JSON
	 */
	public @Nullable Object decode(String json) {
		try {
			return decode(this.factory.createParser(ObjectReadContext.empty(), json));
		}
		catch (JacksonException ex) {
			throw RunnerSerializationException.invalidJson(ex);
		}
	}

	/**
	 * Decodes a JSON document read from a stream (UTF-8, or UTF-16/32 detected by Jackson); the stream is not
	 * closed.
	 * @param json the stream
	 * @return the decoded value, {@code null} for JSON {@code null}
	 * @throws RunnerSerializationException if the document is not valid runner JSON or cannot be read
	 */
	public @Nullable Object decode(InputStream json) {
		try {
			return decode(this.factory.createParser(ObjectReadContext.empty(), json));
		}
		catch (JacksonException ex) {
			throw RunnerSerializationException.invalidJson(ex);
		}
	}

	private @Nullable Object decode(JsonParser parser) {
		try (parser) {
			return this.decoder.decodeDocument(parser);
		}
		catch (RunnerSerializationException ex) {
			throw ex;
		}
		catch (StackOverflowError ex) {
			throw new RunnerSerializationException(RunnerSerializationException.DEPTH_EXCEEDED,
					"Maximum depth exceeded (" + DEFAULT_MAX_DEPTH + ")", ex);
		}
		catch (RuntimeException ex) {
			throw RunnerSerializationException.invalidJson(ex);
		}
	}

	/**
	 * Writes one value in the tree format into a generator the caller controls, for example after the caller has
	 * written {@code {"ok":true,"result":}}. Use a generator from {@link #createGenerator(OutputStream)}: others
	 * may escape differently or limit nesting to fewer levels.
	 * @param generator the generator
	 * @param value the value
	 * @throws RunnerSerializationException if the value cannot be encoded; the generator then holds partial output
	 */
	public void write(JsonGenerator generator, @Nullable Object value) {
		try {
			this.encoder.write(generator, value);
		}
		catch (StackOverflowError | StreamConstraintsException ex) {
			throw new RunnerSerializationException(RunnerSerializationException.DEPTH_EXCEEDED,
					"Maximum depth exceeded (" + DEFAULT_MAX_DEPTH + ")", ex);
		}
	}

	/**
	 * Encodes a value in the tree format.
	 * @param value the value
	 * @return the UTF-8 JSON text
	 * @throws RunnerSerializationException if the value cannot be encoded
	 */
	public byte[] encode(@Nullable Object value) {
		try (ByteArrayBuilder out = new ByteArrayBuilder(); JsonGenerator generator = createGenerator(out)) {
			write(generator, value);
			generator.flush();
			return out.toByteArray();
		}
	}

	/**
	 * Encodes a value in the tree format, writing every instance of a type met in maps, collections, arrays,
	 * optionals and beans as the value a function gives for it (which must not be of that type). The Java client
	 * writes its {@code RunnerFile}s as file sentinels this way (docs/tunnel-http.md §3.3). Values that Jackson writes
	 * itself (the {@code JACKSON} kind of {@link ValueKind}) are not looked into.
	 * @param value the value
	 * @param type the type to replace
	 * @param replacement gives what is written for each instance, called once per occurrence in document order
	 * @param <T> the type
	 * @return the UTF-8 JSON text
	 * @throws RunnerSerializationException if the value cannot be encoded
	 */
	public <T> byte[] encode(@Nullable Object value, Class<T> type, Function<? super T, ?> replacement) {
		TreeEncoder.Substitution<T> substitution = new TreeEncoder.Substitution<>(type, replacement);
		try (ByteArrayBuilder out = new ByteArrayBuilder(); JsonGenerator generator = createGenerator(out)) {
			try {
				this.encoder.write(generator, value, substitution);
			}
			catch (StackOverflowError | StreamConstraintsException ex) {
				throw new RunnerSerializationException(RunnerSerializationException.DEPTH_EXCEEDED,
						"Maximum depth exceeded (" + DEFAULT_MAX_DEPTH + ")", ex);
			}
			generator.flush();
			return out.toByteArray();
		}
	}

	/**
	 * Encodes a value in the tree format.
	 * @param value the value
	 * @return the JSON text
	 * @throws RunnerSerializationException if the value cannot be encoded
	 */
	public String encodeToString(@Nullable Object value) {
		return new String(encode(value), StandardCharsets.UTF_8);
	}

	/**
	 * Creates a UTF-8 generator configured like the serializer's own output: JavaScript string escaping (lowercase
	 * hex, {@code /} and non-ASCII unescaped) and a nesting limit above the runner depth limit. Closing the
	 * generator does not close the stream.
	 * @param out the target stream
	 * @return the generator
	 */
	public JsonGenerator createGenerator(OutputStream out) {
		return this.factory.createGenerator(ObjectWriteContext.empty(), out);
	}

	/**
	 * Decodes a document and converts it to a type in one step: the same value as
	 * {@code convert(decode(json), targetType)}, faster for documents in plain JSON ({@link #isPlainJson(byte[])}),
	 * which Jackson reads straight into the type (an integer beyond the {@code long} range is then a
	 * {@code BigInteger} where the type leaves it open, not a {@code Double}). A target of type {@code Object} always
	 * takes the decoding path, to keep the runner's own values.
	 * @param json the UTF-8 JSON document
	 * @param targetType the type
	 * @return the converted value
	 * @throws RunnerSerializationException if the document is not valid runner JSON
	 * @throws RunnerInputConversionException if the value cannot be converted
	 */
	public @Nullable Object decode(byte[] json, Type targetType) {
		if (targetType != Object.class && isPlainJson(json)) {
			return this.converter.read(json, targetType);
		}
		return convert(decode(json), targetType);
	}

	/**
	 * Tells whether a document is plain JSON to the runner serializer: no string in it starts with {@code __} (type
	 * records, graph references), the key-escape prefix, or is an unsafe key ({@code prototype},
	 * {@code constructor}), so decoding it gives what any JSON parser gives. Looks at the bytes only (a string
	 * <em>value</em> such as {@code "__x"} also makes it not plain, which only costs the faster path).
	 * @param json the UTF-8 JSON document
	 * @return whether it is plain JSON
	 */
	public static boolean isPlainJson(byte[] json) {
		for (int i = 0; i < json.length - 2; i++) {
			if (json[i] == '"') {
				byte next = json[i + 1];
				if ((next == '_' && json[i + 2] == '_') || (next == '$' && json[i + 2] == 'r')
						|| (next == 'p' && startsWith(json, i + 1, PROTOTYPE))
						|| (next == 'c' && startsWith(json, i + 1, CONSTRUCTOR))) {
					return false;
				}
			}
		}
		return true;
	}

	private static boolean startsWith(byte[] json, int offset, byte[] prefix) {
		if (offset + prefix.length > json.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (json[offset + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Converts a decoded value to a parameter type (§9.1). A value that already is an instance of the raw type is
	 * returned as it is when the type arguments accept anything ({@code Object}, {@code Map<String,Object>},
	 * {@code List<?>}), so typed values such as {@code Instant}, {@link JsMap} or {@code BigInteger} are kept;
	 * {@code null} and {@link JsUndefined} become {@code null} (an empty {@code Optional} for optionals, the default
	 * value for primitives unless the mapper fails on null primitives); anything else is converted with the mapper
	 * (records, POJOs, collections, numbers, {@code Instant}, {@code BigInteger}, {@code byte[]},
	 * {@code JsonNode}, {@code LocalDate}, {@code UUID}, enums, ...).
	 * @param decoded the decoded value
	 * @param targetType the parameter type
	 * @return the converted value
	 * @throws RunnerInputConversionException if the value cannot be converted
	 */
	public @Nullable Object convert(@Nullable Object decoded, Type targetType) {
		return this.converter.convert(decoded, targetType);
	}

}
