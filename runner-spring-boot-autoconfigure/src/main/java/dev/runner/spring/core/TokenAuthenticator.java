package dev.runner.spring.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.log.LogMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

import dev.runner.spring.RunnerAuthRequest;
import dev.runner.spring.RunnerAuthValidator;
import dev.runner.spring.RunnerAuthentication;

/**
 * The {@link RunnerAuthenticator} of {@code runner.auth.mode=token}: authenticates remote calls as
 * docs/tunnel-http.md §5 says, for every door. The token header's first value is
 * compared with every configured token in constant time over SHA-256 digests; when none matches, the
 * {@link RunnerAuthValidator}s are asked in order; with no token and no validator configured, every call is refused
 * (500 {@code AUTH_NOT_CONFIGURED}) unless anonymous calls are allowed.
 *
 * @since 0.1.0
 */
public final class TokenAuthenticator implements RunnerAuthenticator {

	private static final Log logger = LogFactory.getLog(TokenAuthenticator.class);

	/** One digest per thread: event-loop threads authenticate every request, so no provider lookup per call. */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TokenAuthenticator::newSha256);

	private final String header;

	private final byte[][] tokenDigests;

	private final RunnerAuthentication[] tokenAuthentications;

	private final List<Map.Entry<String, RunnerAuthValidator>> validators;

	private final boolean allowAnonymous;

	/**
	 * Creates an authenticator.
	 * @param header the name of the token header, for example {@code x-runner-token}
	 * @param tokens the accepted tokens; none may be empty
	 * @param validators the validators by bean name, in the order they are asked
	 * @param allowAnonymous whether calls are accepted when neither a token nor a validator is configured
	 * @throws IllegalArgumentException if a token is empty (it would match a request without the header)
	 */
	public TokenAuthenticator(String header, List<String> tokens,
			List<Map.Entry<String, RunnerAuthValidator>> validators, boolean allowAnonymous) {
		Assert.hasText(header, "'runner.auth.header' must not be empty");
		for (String token : tokens) {
			Assert.isTrue(token != null && !token.isEmpty(),
					"'runner.auth.tokens' must not contain an empty token: it would accept requests without one");
		}
		this.header = header;
		this.tokenDigests = tokens.stream().map(TokenAuthenticator::sha256).toArray(byte[][]::new);
		this.tokenAuthentications = new RunnerAuthentication[tokens.size()];
		for (int i = 0; i < tokens.size(); i++) {
			this.tokenAuthentications[i] = new RunnerAuthentication(RunnerAuthentication.Kind.TOKEN, Integer.toString(i));
		}
		this.validators = List.copyOf(validators);
		this.allowAnonymous = allowAnonymous;
	}

	@Override
	public boolean isConfigured() {
		return this.tokenDigests.length > 0 || !this.validators.isEmpty();
	}

	@Override
	public boolean isUsable() {
		return isConfigured() || this.allowAnonymous;
	}

	@Override
	public Mono<RunnerAuthentication> authenticate(HttpHeaders headers, Supplier<RunnerAuthRequest> request) {
		if (!isConfigured()) {
			return this.allowAnonymous ? Mono.just(RunnerAuthentication.ANONYMOUS)
					: Mono.error(RunnerRejectedException.authNotConfigured());
		}
		int match = matchToken(headers.getFirst(this.header));
		if (match >= 0) {
			return Mono.just(this.tokenAuthentications[match]);
		}
		RunnerAuthRequest authRequest = request.get();
		if (this.validators.isEmpty()) {
			return Mono.error(rejected(authRequest));
		}
		return Flux.fromIterable(this.validators)
			.concatMap((validator) -> ask(validator, authRequest))
			.next()
			.switchIfEmpty(Mono.error(() -> rejected(authRequest)));
	}

	@Override
	public boolean hasCredentials(HttpHeaders headers) {
		return headers.containsHeader(this.header);
	}

	private int matchToken(String provided) {
		byte[] digest = sha256((provided != null) ? provided : "");
		int match = -1;
		for (int i = 0; i < this.tokenDigests.length; i++) {
			if (MessageDigest.isEqual(this.tokenDigests[i], digest) && match < 0) {
				match = i;
			}
		}
		return match;
	}

	private static Mono<RunnerAuthentication> ask(Map.Entry<String, RunnerAuthValidator> validator,
			RunnerAuthRequest request) {
		return Mono.defer(() -> validator.getValue().validate(request))
			.onErrorResume((ex) -> {
				logger.debug(LogMessage.format("Runner auth validator '%s' failed, counted as a refusal",
						validator.getKey()), ex);
				return Mono.just(false);
			})
			.filter(Boolean.TRUE::equals)
			.map((accepted) -> new RunnerAuthentication(RunnerAuthentication.Kind.VALIDATOR, validator.getKey()));
	}

	private static RunnerRejectedException rejected(RunnerAuthRequest request) {
		logger.debug(LogMessage.format("Runner auth failure: request id %s, %s %s, 401 UNAUTHORIZED",
				request.headers().getFirst(RunnerRequestIds.HEADER), request.method(), request.path()));
		return RunnerRejectedException.unauthorized();
	}

	private static byte[] sha256(String value) {
		MessageDigest digest = SHA_256.get();
		digest.reset();
		return digest.digest(value.getBytes(StandardCharsets.UTF_8));
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
