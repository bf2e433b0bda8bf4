package dev.runner.spring.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpEntity;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;

import dev.runner.spring.RunnerFile;
import dev.runner.spring.serializer.JsUndefined;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The body of one call, in the mode its input asks for (docs/tunnel-http.md §3.1, §14.1, §14.3): JSON
 * ({@code {"input":…}}, {@code {"payload":…}}), the smart client's multipart request when the input holds
 * {@link RunnerFile}s, or octet-stream for a {@code Publisher<DataBuffer>} input. The input is encoded once: file
 * sentinels are written in the same pass that finds the files.
 *
 * @param contentType the request's content type
 * @param inserter writes the body
 */
record TunnelRequest(MediaType contentType, BodyInserter<?, ? super ClientHttpRequest> inserter) {

	private static final MediaType JSON = new MediaType("application", "json", StandardCharsets.UTF_8);

	/**
	 * The body of a task call.
	 * @param serializer the runner serializer
	 * @param input the input, {@code null} for none
	 * @return the body
	 * @throws dev.runner.spring.serializer.RunnerSerializationException if the input cannot be encoded
	 */
	@SuppressWarnings("unchecked")
	static TunnelRequest task(RunnerSerializer serializer, @Nullable Object input) {
		if (input instanceof Publisher<?> stream) {
			return new TunnelRequest(MediaType.APPLICATION_OCTET_STREAM,
					BodyInserters.fromDataBuffers((Publisher<DataBuffer>) stream));
		}
		Files files = new Files();
		byte[] body = serializer.encode(Collections.singletonMap("input", orUndefined(input)), RunnerFile.class,
				files::sentinel);
		if (files.isEmpty()) {
			return json(body);
		}
		return new TunnelRequest(MediaType.MULTIPART_FORM_DATA, BodyInserters.fromMultipartData(files.parts(body)));
	}

	/**
	 * The body of an event call.
	 * @param serializer the runner serializer
	 * @param payload the payload, {@code null} for none
	 * @param returnPayload whether the final payload is asked for
	 * @return the body
	 * @throws dev.runner.spring.serializer.RunnerSerializationException if the payload cannot be encoded
	 */
	static TunnelRequest event(RunnerSerializer serializer, @Nullable Object payload, boolean returnPayload) {
		Map<String, Object> envelope = new LinkedHashMap<>(4);
		envelope.put("payload", orUndefined(payload));
		if (returnPayload) {
			envelope.put("returnPayload", true);
		}
		return json(serializer.encode(envelope));
	}

	private static TunnelRequest json(byte[] body) {
		return new TunnelRequest(JSON, BodyInserters.fromValue(body));
	}

	private static Object orUndefined(@Nullable Object value) {
		return (value != null) ? value : JsUndefined.INSTANCE;
	}

	/**
	 * The files of one input, in the order the encoder met them; the same file met twice is one part.
	 */
	private static final class Files {

		private final List<RunnerFile> files = new ArrayList<>(2);

		Map<String, Object> sentinel(RunnerFile file) {
			int index = indexOf(file);
			if (index < 0) {
				index = this.files.size();
				this.files.add(file);
			}
			Map<String, Object> meta = new LinkedHashMap<>();
			meta.put("name", file.name());
			meta.put("type", file.contentType());
			file.size().ifPresent((size) -> meta.put("size", size));
			file.lastModified().map(Instant::toEpochMilli).ifPresent((time) -> meta.put("lastModified", time));
			if (!file.extra().isEmpty()) {
				meta.put("extra", file.extra());
			}
			Map<String, Object> sentinel = new LinkedHashMap<>(4);
			sentinel.put("$runnerFile", "File");
			sentinel.put("id", id(index));
			sentinel.put("meta", meta);
			return sentinel;
		}

		private int indexOf(RunnerFile file) {
			for (int i = 0; i < this.files.size(); i++) {
				if (this.files.get(i) == file) {
					return i;
				}
			}
			return -1;
		}

		boolean isEmpty() {
			return this.files.isEmpty();
		}

		/**
		 * The manifest part (labelled JSON, which servers accept and do not check, §3.3), then one part per file with
		 * its name and type, streamed from its content.
		 */
		MultiValueMap<String, HttpEntity<?>> parts(byte[] manifest) {
			MultipartBodyBuilder parts = new MultipartBodyBuilder();
			parts.part("__manifest", new String(manifest, StandardCharsets.UTF_8), JSON);
			for (int i = 0; i < this.files.size(); i++) {
				RunnerFile file = this.files.get(i);
				parts.asyncPart("file:" + id(i), file.content(), DataBuffer.class)
					.filename(file.name())
					.contentType(MediaType.parseMediaType(file.contentType()));
			}
			return parts.build();
		}

		private static String id(int index) {
			return "F" + (index + 1);
		}

	}

}
