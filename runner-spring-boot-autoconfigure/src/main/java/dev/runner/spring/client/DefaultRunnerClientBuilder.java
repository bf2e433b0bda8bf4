package dev.runner.spring.client;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The {@link RunnerClient.Builder} of {@link RunnerClient#builder()}.
 */
final class DefaultRunnerClientBuilder implements RunnerClient.Builder {

	static final String DEFAULT_AUTH_HEADER = "x-runner-token";

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	static final DataSize DEFAULT_MAX_ANSWER_SIZE = DataSize.ofMegabytes(16);

	private String name = "runner";

	private @Nullable String baseUrl;

	private @Nullable String token;

	private String authHeader = DEFAULT_AUTH_HEADER;

	private Duration timeout = DEFAULT_TIMEOUT;

	private DataSize maxAnswerSize = DEFAULT_MAX_ANSWER_SIZE;

	private final HttpHeaders headers = new HttpHeaders();

	private WebClient.@Nullable Builder webClient;

	private @Nullable RunnerSerializer serializer;

	private RunnerErrorRegistry errors = RunnerErrorRegistry.empty();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable RunnerClientObservationConvention convention;

	@Override
	public RunnerClient.Builder name(String name) {
		Assert.hasText(name, "'name' must not be empty");
		this.name = name;
		return this;
	}

	@Override
	public RunnerClient.Builder baseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
		return this;
	}

	@Override
	public RunnerClient.Builder token(@Nullable String token) {
		this.token = token;
		return this;
	}

	@Override
	public RunnerClient.Builder authHeader(String authHeader) {
		Assert.hasText(authHeader, "'authHeader' must not be empty");
		this.authHeader = authHeader;
		return this;
	}

	@Override
	public RunnerClient.Builder timeout(Duration timeout) {
		Assert.isTrue(!timeout.isNegative(), "'timeout' must not be negative");
		this.timeout = timeout;
		return this;
	}

	@Override
	public RunnerClient.Builder maxAnswerSize(DataSize maxAnswerSize) {
		Assert.isTrue(maxAnswerSize.toBytes() > 0 && maxAnswerSize.toBytes() <= Integer.MAX_VALUE,
				"'maxAnswerSize' must be between 1 byte and 2 GiB");
		this.maxAnswerSize = maxAnswerSize;
		return this;
	}

	@Override
	public RunnerClient.Builder header(String name, String value) {
		this.headers.add(name, value);
		return this;
	}

	@Override
	public RunnerClient.Builder webClient(WebClient.Builder webClient) {
		this.webClient = webClient;
		return this;
	}

	@Override
	public RunnerClient.Builder serializer(RunnerSerializer serializer) {
		this.serializer = serializer;
		return this;
	}

	@Override
	public RunnerClient.Builder errors(RunnerErrorRegistry errors) {
		this.errors = errors;
		return this;
	}

	@Override
	public RunnerClient.Builder observationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
		return this;
	}

	@Override
	public RunnerClient.Builder observationConvention(RunnerClientObservationConvention convention) {
		this.convention = convention;
		return this;
	}

	@Override
	public RunnerClient build() {
		String base = baseUrl();
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(this.headers);
		if (StringUtils.hasLength(this.token)) {
			headers.set(this.authHeader.toLowerCase(Locale.ROOT), this.token);
		}
		RunnerSerializer serializer = (this.serializer != null) ? this.serializer
				: new RunnerSerializer(JsonMapper.builder().build());
		WebClient webClient = (this.webClient != null) ? this.webClient.clone().build() : WebClient.create();
		TunnelAnswer answers = new TunnelAnswer(serializer, this.errors, (int) this.maxAnswerSize.toBytes());
		return new DefaultRunnerClient(this.name, base, webClient, serializer, answers, HttpHeaders.readOnlyHttpHeaders(headers),
				this.timeout, this.observationRegistry, this.convention);
	}

	private String baseUrl() {
		String base = this.baseUrl;
		if (base != null && base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		if (!StringUtils.hasText(base)) {
			throw new IllegalStateException("Runner client '" + this.name + "' has no base URL: set "
					+ "runner.clients." + this.name + ".base-url, or baseUrl(...) on its builder");
		}
		return base;
	}

}
