package dev.runner.spring.serializer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Streams one JSON document into Java values (docs/serializer.md §2, §3): detects the graph envelope on the root object
 * and hands it to {@link GraphDecoder}; otherwise decodes the tree format, resolving type records, unescaping
 * reserved keys, dropping unsafe keys and enforcing the depth limit.
 */
final class TreeDecoder {

	private static final Object PENDING = new Object();

	private final int maxDepth;

	private final CustomTypes custom;

	TreeDecoder(int maxDepth, CustomTypes custom) {
		this.custom = custom;
		this.maxDepth = maxDepth;
	}

	/**
	 * Decodes the whole document; the parser must be positioned before its first token.
	 */
	@Nullable Object decodeDocument(JsonParser parser) {
		JsonToken token = parser.nextToken();
		if (token == null) {
			throw RunnerSerializationException.invalidJson(null);
		}
		Object result = (token == JsonToken.START_OBJECT) ? readRootObject(parser) : readValue(parser, token, 0);
		if (parser.nextToken() != null) {
			throw RunnerSerializationException.invalidJson(null);
		}
		return result;
	}

	@Nullable Object readValue(JsonParser parser, @Nullable JsonToken token, int depth) {
		if (token == null) {
			throw RunnerSerializationException.invalidJson(null);
		}
		if (depth > this.maxDepth) {
			throw RunnerSerializationException.depthExceeded(this.maxDepth);
		}
		switch (token) {
			case START_OBJECT:
				return readObject(parser, depth);
			case START_ARRAY:
				return readArray(parser, depth);
			default:
				return readScalar(parser, token);
		}
	}

	/**
	 * Reads a scalar token: string, number (a {@code Long} when integral and in range, else a {@code Double}),
	 * boolean or null.
	 * @throws RunnerSerializationException for any other token
	 */
	static @Nullable Object readScalar(JsonParser parser, JsonToken token) {
		switch (token) {
			case VALUE_STRING:
				return parser.getString();
			case VALUE_NUMBER_INT:
				return readInteger(parser);
			case VALUE_NUMBER_FLOAT:
				return parser.getDoubleValue();
			case VALUE_TRUE:
				return Boolean.TRUE;
			case VALUE_FALSE:
				return Boolean.FALSE;
			case VALUE_NULL:
				return null;
			default:
				throw RunnerSerializationException.invalidJson(null);
		}
	}

	static Object readInteger(JsonParser parser) {
		return switch (parser.getNumberType()) {
			case INT -> (long) parser.getIntValue();
			case LONG -> parser.getLongValue();
			default -> parser.getDoubleValue();
		};
	}

	private List<@Nullable Object> readArray(JsonParser parser, int depth) {
		List<@Nullable Object> list = new ArrayList<>();
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (token == null) {
				throw RunnerSerializationException.invalidJson(null);
			}
			list.add(readValue(parser, token, depth + 1));
		}
		return list;
	}

	private @Nullable Object readObject(JsonParser parser, int depth) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		Object typeId = null;
		boolean hasValue = false;
		Object payload = null;
		String name;
		while ((name = parser.nextName()) != null) {
			Object value = readValue(parser, parser.nextToken(), depth + 1);
			if (name.equals(Keys.TYPE)) {
				typeId = value;
			}
			else if (name.equals(Keys.VALUE)) {
				hasValue = true;
				payload = value;
			}
			put(map, name, value);
		}
		checkEndObject(parser);
		if (hasValue && typeId instanceof String type) {
			return TypedValues.create(type, payload, this.custom);
		}
		return map;
	}

	private static void put(Map<String, @Nullable Object> map, String name, @Nullable Object value) {
		if (!Keys.isUnsafe(name)) {
			String key = Keys.unescape(name);
			if (!Keys.isUnsafe(key)) {
				map.put(key, value);
			}
		}
	}

	private static void checkEndObject(JsonParser parser) {
		if (parser.currentToken() != JsonToken.END_OBJECT) {
			throw RunnerSerializationException.invalidJson(null);
		}
	}

	/**
	 * Reads the root object like {@link #readObject}, except that the values of the graph-envelope keys
	 * {@code __graph}, {@code root} and {@code nodes} are buffered until the envelope test of §2 can be made.
	 */
	private @Nullable Object readRootObject(JsonParser parser) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		Object typeId = null;
		boolean hasValue = false;
		Object payload = null;
		TokenBuffer graphFlag = null;
		TokenBuffer root = null;
		TokenBuffer nodes = null;
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken token = parser.nextToken();
			if (name.equals(Keys.GRAPH) || name.equals("root") || name.equals("nodes")) {
				TokenBuffer buffer = buffer(parser, token);
				switch (name) {
					case Keys.GRAPH -> graphFlag = buffer;
					case "root" -> root = buffer;
					default -> nodes = buffer;
				}
				map.put(name, PENDING);
				continue;
			}
			Object value = readValue(parser, token, 1);
			if (name.equals(Keys.TYPE)) {
				typeId = value;
			}
			else if (name.equals(Keys.VALUE)) {
				hasValue = true;
				payload = value;
			}
			put(map, name, value);
		}
		checkEndObject(parser);
		if (graphFlag != null && root != null && nodes != null && isTrue(graphFlag) && isObject(nodes)) {
			GraphDecoder graph = new GraphDecoder(this.maxDepth, RawReader.read(nodes.asParser(), this.maxDepth), this.custom);
			return graph.decodeRoot(RawReader.read(root.asParser(), this.maxDepth));
		}
		if (hasValue && typeId instanceof String type) {
			return TypedValues.create(type, payload, this.custom);
		}
		resolvePending(map, Keys.GRAPH, graphFlag);
		resolvePending(map, "root", root);
		resolvePending(map, "nodes", nodes);
		return map;
	}

	/**
	 * Copies the current value into a buffer, refusing to nest deeper than the raw limit of {@link RawReader}.
	 */
	private TokenBuffer buffer(JsonParser parser, JsonToken first) {
		TokenBuffer buffer = TokenBuffer.forBuffering(parser, ObjectReadContext.empty());
		int depth = 0;
		JsonToken token = first;
		while (true) {
			if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
				if (++depth > this.maxDepth + RawReader.MARGIN) {
					throw RunnerSerializationException.depthExceeded(this.maxDepth);
				}
			}
			else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
				depth--;
			}
			buffer.copyCurrentEvent(parser);
			if (depth == 0) {
				return buffer;
			}
			token = parser.nextToken();
			if (token == null) {
				throw RunnerSerializationException.invalidJson(null);
			}
		}
	}

	private void resolvePending(Map<String, @Nullable Object> map, String name, @Nullable TokenBuffer buffer) {
		if (buffer != null && map.get(name) == PENDING) {
			try (JsonParser parser = buffer.asParser()) {
				map.put(name, readValue(parser, parser.nextToken(), 1));
			}
		}
	}

	private static boolean isTrue(TokenBuffer buffer) {
		try (JsonParser parser = buffer.asParser()) {
			return parser.nextToken() == JsonToken.VALUE_TRUE;
		}
	}

	private static boolean isObject(TokenBuffer buffer) {
		try (JsonParser parser = buffer.asParser()) {
			JsonToken token = parser.nextToken();
			return token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
		}
	}

}
