package dev.runner.spring.web.multipart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import dev.runner.spring.core.RunnerRejectedException;
import dev.runner.spring.serializer.JsValues;
import dev.runner.spring.serializer.RunnerSerializationException;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * A decoded {@code __manifest} (docs/tunnel-http.md §3.3): the task input, its file sentinels replaced by files, one per
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
	 * @throws RunnerRejectedException 400 {@code INVALID_MULTIPART} when the text cannot be decoded, 400
	 * {@code MISSING_MANIFEST} when it is empty or not an object
	 */
	static Manifest decode(String text, RunnerSerializer serializer,
			BiFunction<String, @Nullable Map<String, Object>, UploadedFile> newFile) {
		Object decoded;
		try {
			decoded = text.isEmpty() ? null : serializer.decode(text);
		}
		catch (RunnerSerializationException ex) {
			throw MultipartRefusals.invalidManifest();
		}
		if (JsValues.isPrimitive(decoded)) {
			throw MultipartRefusals.missingManifest();
		}
		Map<String, UploadedFile> files = new LinkedHashMap<>();
		return new Manifest(hydrate(JsValues.undefinedAsNull(JsValues.property(decoded, "input")), files, newFile),
				files);
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Object hydrate(@Nullable Object value, Map<String, UploadedFile> files,
			BiFunction<String, @Nullable Map<String, Object>, UploadedFile> newFile) {
		Map<String, Object> object = JsValues.asPlainObject(value);
		if (object != null) {
			if ("File".equals(object.get("$runnerFile")) && object.get("id") instanceof String id) {
				return files.computeIfAbsent(id, (key) -> newFile.apply(key, JsValues.asPlainObject(object.get("meta"))));
			}
			for (Map.Entry<String, Object> entry : object.entrySet()) {
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
