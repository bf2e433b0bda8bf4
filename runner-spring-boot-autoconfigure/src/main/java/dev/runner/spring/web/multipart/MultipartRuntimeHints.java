package dev.runner.spring.web.multipart;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * The runtime hints of the multipart door: {@link DiscardedParts} reads the buffer of Spring's multipart parser
 * tokens by reflection.
 *
 * @since 0.2.0
 */
final class MultipartRuntimeHints implements RuntimeHintsRegistrar {

	static final String TOKEN = "org.springframework.http.codec.multipart.MultipartParser$Token";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(TypeReference.of(TOKEN),
					(type) -> type.withMethod("buffer", java.util.List.of(), ExecutableMode.INVOKE));
	}

}
