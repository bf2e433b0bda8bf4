package dev.runner.spring.serializer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a JSON value into plain Java structures without any runner interpretation (no type records, no key
 * unescaping, no dropped keys): the input of {@link GraphDecoder}.
 */
final class RawReader {

	/**
	 * Raw nesting runs a few levels deeper than graph depth (envelope and node wrappers); graph depth itself is
	 * checked by {@link GraphDecoder}.
	 */
	static final int MARGIN = 8;

	private RawReader() {
	}

	/**
	 * Reads the single value of a parser positioned before its first token.
	 * @throws RunnerSerializationException if the value nests deeper than {@code maxDepth} plus {@link #MARGIN}
	 */
	static @Nullable Object read(JsonParser parser, int maxDepth) {
		try (parser) {
			return read(parser, parser.nextToken(), 0, maxDepth);
		}
	}

	private static @Nullable Object read(JsonParser parser, @Nullable JsonToken token, int depth, int maxDepth) {
		if (depth > maxDepth + MARGIN) {
			throw RunnerSerializationException.depthExceeded(maxDepth);
		}
		if (token == null) {
			throw RunnerSerializationException.invalidJson(null);
		}
		switch (token) {
			case START_OBJECT: {
				Map<String, @Nullable Object> map = new LinkedHashMap<>();
				String name;
				while ((name = parser.nextName()) != null) {
					map.put(name, read(parser, parser.nextToken(), depth + 1, maxDepth));
				}
				return map;
			}
			case START_ARRAY: {
				List<@Nullable Object> list = new ArrayList<>();
				JsonToken next;
				while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
					list.add(read(parser, next, depth + 1, maxDepth));
				}
				return list;
			}
			default:
				return TreeDecoder.readScalar(parser, token);
		}
	}

}
