package dev.runner.spring.web.multipart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.serializer.JsMap;
import dev.runner.spring.serializer.JsSymbol;
import dev.runner.spring.serializer.JsUndefined;
import dev.runner.spring.serializer.RunnerSerializationException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * A decoded {@code __manifest} (tunnel-http.md §3.3): the task input, its file sentinels replaced by files, one per
 * id wherever it appears inside plain objects and arrays.
 *
 * @param input the task input, {@code null} when absent
 * @param files the files by id, in the order their sentinels first appear
 */
record Manifest(@Nullable Object input, Map<String, UploadedFile> files) {

	/**
	 * Decodes a manifest.
	 * @param text the manifest part's text
	 * @param serializer the runner serializer
	 * @param newFile makes the file of an id from its sentinel's {@code meta} ({@code null} when none)
	 * @return the manifest
	 * @throws MultipartException 400 {@code INVALID_MULTIPART} when the text cannot be decoded, 400
	 * {@code MISSING_MANIFEST} when it is empty or not an object
	 */
	static Manifest decode(String text, RunnerSerializer serializer,
			BiFunction<String, @Nullable Map<?, ?>, UploadedFile> newFile) {
		Object decoded;
		try {
			decoded = text.isEmpty() ? null : serializer.decode(text);
		}
		catch (RunnerSerializationException ex) {
			throw MultipartException.invalidManifest();
		}
		if (decoded == null || decoded == JsUndefined.INSTANCE || decoded instanceof String
				|| decoded instanceof Boolean || decoded instanceof Number || decoded instanceof JsSymbol) {
			throw MultipartException.missingManifest();
		}
		Object input = (decoded instanceof Map<?, ?> map && !(decoded instanceof JsMap)) ? map.get("input") : null;
		Map<String, UploadedFile> files = new LinkedHashMap<>();
		return new Manifest(hydrate((input != JsUndefined.INSTANCE) ? input : null, files, newFile), files);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object hydrate(@Nullable Object value, Map<String, UploadedFile> files,
			BiFunction<String, @Nullable Map<?, ?>, UploadedFile> newFile) {
		if (value instanceof Map<?, ?> map && !(value instanceof JsMap)) {
			if ("File".equals(map.get("$runnerFile")) && map.get("id") instanceof String id) {
				return files.computeIfAbsent(id,
						(key) -> newFile.apply(key, (map.get("meta") instanceof Map<?, ?> meta) ? meta : null));
			}
			for (Map.Entry<Object, Object> entry : ((Map<Object, Object>) map).entrySet()) {
				entry.setValue(hydrate(entry.getValue(), files, newFile));
			}
		}
		else if (value instanceof List<?> list) {
			for (ListIterator<Object> it = ((List<Object>) list).listIterator(); it.hasNext();) {
				it.set(hydrate(it.next(), files, newFile));
			}
		}
		return value;
	}

}
