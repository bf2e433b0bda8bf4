package dev.runner.spring.core;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * Request ids of docs/tunnel-http.md §9, for every door: a caller's {@code x-runner-request-id} is kept when,
 * trimmed, it is 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -}; otherwise a random UUID v4 (lowercase) replaces
 * it.
 *
 * @since 0.1.0
 */
public final class RunnerRequestIds {

	/** The request and response header that carries the request id. */
	public static final String HEADER = "x-runner-request-id";

	private static final int MAX_LENGTH = 128;

	private RunnerRequestIds() {
	}

	/**
	 * Returns the request id of a request.
	 * @param values the values of the request's {@code x-runner-request-id} header, or {@code null}; a header sent
	 * twice counts as one comma-joined value, which is not a valid id
	 * @return the caller's id when valid, else a fresh UUID
	 */
	public static String resolve(@Nullable List<String> values) {
		if (values != null && !values.isEmpty()) {
			String id = ((values.size() == 1) ? values.get(0) : String.join(", ", values)).trim();
			if (isValid(id)) {
				return id;
			}
		}
		return randomUuid();
	}

	/**
	 * Returns an id a door made up, when it is a valid request id (1-128 characters of {@code [A-Za-z0-9._:-]}).
	 * @param candidate the id, for example {@code <socket id>:<correlation id>} for a socket call
	 * @return the candidate when valid, else a fresh UUID
	 */
	public static String orRandom(String candidate) {
		return isValid(candidate) ? candidate : randomUuid();
	}

	private static boolean isValid(String id) {
		if (id.isEmpty() || id.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < id.length(); i++) {
			char c = id.charAt(i);
			boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == ':' || c == '-';
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A version 4 UUID from a thread-local generator: request ids must be unique, not secret, and this avoids the
	 * contended {@code SecureRandom} of {@link UUID#randomUUID()} on the event loop.
	 */
	private static String randomUuid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

}
