package dev.runner.spring.serializer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Decodes the graph format (docs/serializer.md §4) from raw structures read by {@link RawReader}: resolves
 * {@code {"__ref":id}} references to nodes, materializing each node once so that shared references and cycles keep
 * their identity (Map and Set nodes get a placeholder first, §4.3).
 * <p>
 * Shared references make a small document stand for a huge tree (64 nodes each referencing the next twice stand for
 * 2^64 values), which every consumer that walks the value as a tree (input conversion, the encoder) would expand.
 * The decoder counts the values the document stands for, each shared node as often as it is referenced (a reference
 * back into a node still being built counts once), and refuses a graph beyond {@value #MAX_VALUES}: about what a
 * 2 MB body in the tree format can hold. The official clients always send the tree format.
 */
final class GraphDecoder {

	/** Most values a graph may stand for, shared nodes counted each time they are referenced. */
	static final long MAX_VALUES = 1_000_000;

	private final int maxDepth;

	private final Map<String, Long> sizes = new HashMap<>();

	private long values;

	private final @Nullable Object nodes;

	private final Map<String, Object> resolved = new HashMap<>();

	private final CustomTypes custom;

	GraphDecoder(int maxDepth, @Nullable Object nodes, CustomTypes custom) {
		this.custom = custom;
		this.maxDepth = maxDepth;
		this.nodes = nodes;
	}

	@Nullable Object decodeRoot(@Nullable Object root) {
		return decode(root, 0);
	}

	private @Nullable Object decode(@Nullable Object raw, int depth) {
		if (depth > this.maxDepth) {
			throw RunnerSerializationException.depthExceeded(this.maxDepth);
		}
		if (!(raw instanceof Map<?, ?> map && map.containsKey("__ref"))) {
			count(1);
		}
		if (raw instanceof List<?> list) {
			List<@Nullable Object> result = new ArrayList<>(list.size());
			for (Object element : list) {
				result.add(decode(element, depth + 1));
			}
			return result;
		}
		if (raw instanceof Map<?, ?> map) {
			if (map.containsKey("__ref")) {
				if (map.size() != 1 || !(map.get("__ref") instanceof String id)) {
					throw RunnerSerializationException.invalidPayload("Invalid object reference payload");
				}
				return resolve(id, depth + 1);
			}
			if (map.get(Keys.TYPE) instanceof String typeId && map.containsKey(Keys.VALUE)) {
				return TypedValues.create(typeId, decode(map.get(Keys.VALUE), depth + 1), this.custom);
			}
			Map<String, @Nullable Object> result = new LinkedHashMap<>();
			putProperties(result, map, depth + 1);
			return result;
		}
		return raw;
	}

	private void putProperties(Map<String, @Nullable Object> target, Map<?, ?> source, int depth) {
		for (Map.Entry<?, ?> entry : source.entrySet()) {
			String key = (String) entry.getKey();
			if (!Keys.isUnsafe(key)) {
				target.put(key, decode(entry.getValue(), depth));
			}
		}
	}

	private @Nullable Object resolve(String id, int depth) {
		if (depth > this.maxDepth) {
			throw RunnerSerializationException.depthExceeded(this.maxDepth);
		}
		Object cached = this.resolved.get(id);
		if (cached instanceof InProgress inProgress) {
			throw RunnerSerializationException.validation("Cannot preserve circular references for a type without "
					+ "create() (type \"" + inProgress.typeId() + "\")");
		}
		if (cached != null) {
			count(this.sizes.getOrDefault(id, 1L));
			return cached;
		}
		long before = this.values;
		count(1);
		Object result = resolveNode(id, depth);
		this.sizes.put(id, this.values - before);
		return result;
	}

	private void count(long added) {
		this.values += added;
		if (this.values > MAX_VALUES) {
			throw RunnerSerializationException.validation("Graph expands beyond limit (" + MAX_VALUES + " values)");
		}
	}

	private @Nullable Object resolveNode(String id, int depth) {
		Object node = findNode(id);
		if (!(node instanceof Map<?, ?> nodeMap)) {
			throw RunnerSerializationException.validation("Unsupported node kind");
		}
		Object kind = nodeMap.get("kind");
		Object value = nodeMap.get(Keys.VALUE);
		if ("object".equals(kind)) {
			if (!(value instanceof Map<?, ?> properties)) {
				throw RunnerSerializationException.invalidPayload("Invalid object node payload");
			}
			Map<String, @Nullable Object> result = new LinkedHashMap<>();
			this.resolved.put(id, result);
			putProperties(result, properties, depth + 1);
			return result;
		}
		if ("array".equals(kind)) {
			if (!(value instanceof List<?> elements)) {
				throw RunnerSerializationException.invalidPayload("Invalid array node payload");
			}
			List<@Nullable Object> result = new ArrayList<>(elements.size());
			this.resolved.put(id, result);
			for (Object element : elements) {
				result.add(decode(element, depth + 1));
			}
			return result;
		}
		if ("type".equals(kind)) {
			return resolveType(id, nodeMap.get("type"), value, depth);
		}
		throw RunnerSerializationException.validation("Unsupported node kind");
	}

	private Object resolveType(String id, @Nullable Object type, @Nullable Object value, int depth) {
		String typeId = String.valueOf(type);
		if (!(type instanceof String)) {
			throw RunnerSerializationException.unknownType(typeId);
		}
		if (typeId.equals(TypedValues.MAP)) {
			JsMap map = new JsMap();
			this.resolved.put(id, map);
			TypedValues.fillMap(map, decode(value, depth + 1));
			return map;
		}
		if (typeId.equals(TypedValues.SET)) {
			Set<@Nullable Object> set = new LinkedHashSet<>();
			this.resolved.put(id, set);
			TypedValues.fillSet(set, decode(value, depth + 1));
			return set;
		}
		this.resolved.put(id, new InProgress(typeId));
		Object result = TypedValues.create(typeId, decode(value, depth + 1), this.custom);
		this.resolved.put(id, result);
		return result;
	}

	private @Nullable Object findNode(String id) {
		if (!Keys.isUnsafe(id)) {
			if (this.nodes instanceof Map<?, ?> map && map.containsKey(id)) {
				return map.get(id);
			}
			if (this.nodes instanceof List<?> list) {
				long index = Keys.arrayIndex(id);
				if (index >= 0 && index < list.size()) {
					return list.get((int) index);
				}
			}
		}
		throw RunnerSerializationException.unresolvedReference(id);
	}

	private record InProgress(String typeId) {
	}

}
