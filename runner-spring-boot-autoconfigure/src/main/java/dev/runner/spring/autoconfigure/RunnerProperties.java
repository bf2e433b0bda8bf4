package dev.runner.spring.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Configuration of the runner tunnel, under {@code runner.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("runner")
public class RunnerProperties {

	/**
	 * Whether the runner tunnel is served.
	 */
	private boolean enabled = true;

	/**
	 * Path under which the tunnel is served; a leading slash is added and one trailing slash removed.
	 */
	private String basePath = "/__runner";

	private final Auth auth = new Auth();

	private final Exposure exposure = new Exposure();

	private final Events events = new Events();

	private final Discovery discovery = new Discovery();

	private final DirectRoute directRoute = new DirectRoute();

	private final Schema schema = new Schema();

	private final Cors cors = new Cors();

	private final Limits limits = new Limits();

	private final AsyncContext asyncContext = new AsyncContext();

	private final Socket socket = new Socket();

	/**
	 * Execution limits by task id, overriding those of @RunnerTask; ids with dots go in brackets:
	 * runner.tasks[app.tasks.add].timeout=5s.
	 */
	private Map<String, Task> tasks = new LinkedHashMap<>();

	/**
	 * Schedules by task id, overriding @RunnerTask(cron, zone) field by field; ids with dots go in brackets:
	 * runner.schedules[app.tasks.report].cron=0 0/5 * * * *.
	 */
	private Map<String, Schedule> schedules = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getBasePath() {
		return this.basePath;
	}

	/**
	 * Sets the base path, normalized as docs/tunnel-http.md §2.1 says: a leading {@code /} is added and one trailing
	 * {@code /} removed ({@code "/"} stays {@code "/"}).
	 * @param basePath the configured value, for example {@code api/}
	 */
	public void setBasePath(String basePath) {
		String path = basePath.trim();
		if (!path.startsWith("/")) {
			path = "/" + path;
		}
		if (path.length() > 1 && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		this.basePath = path;
	}

	public Auth getAuth() {
		return this.auth;
	}

	public Exposure getExposure() {
		return this.exposure;
	}

	public Events getEvents() {
		return this.events;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public DirectRoute getDirectRoute() {
		return this.directRoute;
	}

	public Schema getSchema() {
		return this.schema;
	}

	public Cors getCors() {
		return this.cors;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Socket getSocket() {
		return this.socket;
	}

	public AsyncContext getAsyncContext() {
		return this.asyncContext;
	}

	public Map<String, Task> getTasks() {
		return this.tasks;
	}

	public void setTasks(Map<String, Task> tasks) {
		this.tasks = tasks;
	}

	public Map<String, Schedule> getSchedules() {
		return this.schedules;
	}

	public void setSchedules(Map<String, Schedule> schedules) {
		this.schedules = schedules;
	}

	/**
	 * The schedule of one task.
	 */
	public static class Schedule {

		/**
		 * Cron expression in Spring's syntax, six fields from the second (0 0/5 * * * *) or a macro (@hourly); unset
		 * keeps @RunnerTask(cron).
		 */
		private @Nullable String cron;

		/**
		 * Time zone id the cron expression is read in (Europe/Paris, UTC); unset keeps @RunnerTask(zone), else the
		 * system's zone.
		 */
		private @Nullable String zone;

		/**
		 * Input of every run, as runner JSON (what the tunnel's request carries as "input"); none when unset.
		 */
		private @Nullable String input;

		/**
		 * With a ShedLock LockProvider bean: how long the lock of one occurrence is held at most, should the instance
		 * running it die. Keep it above the task's longest run.
		 */
		private Duration lockAtMostFor = Duration.ofMinutes(10);

		/**
		 * With a ShedLock LockProvider bean: how long the lock of one occurrence is held at least, so that an
		 * instance whose clock is late does not run it again. Defaults to 1s, or half the time to the next occurrence
		 * when that is shorter.
		 */
		private @Nullable Duration lockAtLeastFor;

		public @Nullable String getCron() {
			return this.cron;
		}

		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

		public @Nullable String getZone() {
			return this.zone;
		}

		public void setZone(@Nullable String zone) {
			this.zone = zone;
		}

		public @Nullable String getInput() {
			return this.input;
		}

		public void setInput(@Nullable String input) {
			this.input = input;
		}

		public Duration getLockAtMostFor() {
			return this.lockAtMostFor;
		}

		public void setLockAtMostFor(Duration lockAtMostFor) {
			this.lockAtMostFor = lockAtMostFor;
		}

		public @Nullable Duration getLockAtLeastFor() {
			return this.lockAtLeastFor;
		}

		public void setLockAtLeastFor(@Nullable Duration lockAtLeastFor) {
			this.lockAtLeastFor = lockAtLeastFor;
		}

	}

	/**
	 * Execution limits of one task.
	 */
	public static class Task {

		/**
		 * Longest time a call may take; a slower call fails with the typed error runner.errors.Timeout (504).
		 */
		private @Nullable Duration timeout;

		/**
		 * Largest number of calls running at once; more answer 503 OVERLOADED at once. 0 means no limit.
		 */
		private @Nullable Integer maxConcurrency;

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Integer getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(@Nullable Integer maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

	}

	/**
	 * The x-runner-context header of the protocol.
	 */
	public static class AsyncContext {

		/**
		 * Whether async context values sent in the x-runner-context header are readable through RunnerContext; when
		 * off the header is ignored.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Authentication of tunnel requests.
	 */
	public static class Auth {

		/**
		 * How remote calls are authenticated: 'token' (the configured tokens and RunnerAuthValidator beans) or
		 * 'spring-security' (credentials the application's Spring Security beans accept: HTTP basic with its
		 * ReactiveUserDetailsService, bearer JWTs with its ReactiveJwtDecoder, or its ReactiveAuthenticationManager).
		 */
		private Mode mode = Mode.TOKEN;

		/**
		 * Name of the request header that carries the token.
		 */
		private String header = "x-runner-token";

		/**
		 * List of accepted tokens; a request whose token header matches any of them is authenticated. Empty tokens
		 * are refused at start-up.
		 */
		private List<String> tokens = new ArrayList<>();

		/**
		 * Whether requests are served without a token when no token and no RunnerAuthValidator bean is configured.
		 * Without either and without this, the tunnel answers 500 AUTH_NOT_CONFIGURED.
		 */
		private boolean allowAnonymous;

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public List<String> getTokens() {
			return this.tokens;
		}

		public void setTokens(List<String> tokens) {
			this.tokens = tokens;
		}

		public boolean isAllowAnonymous() {
			return this.allowAnonymous;
		}

		public void setAllowAnonymous(boolean allowAnonymous) {
			this.allowAnonymous = allowAnonymous;
		}

		@Override
		public String toString() {
			return "Auth[mode=" + this.mode + ", header=" + this.header + ", tokens=" + this.tokens.size()
					+ " configured, allowAnonymous=" + this.allowAnonymous + "]";
		}

		/**
		 * How remote calls are authenticated.
		 */
		public enum Mode {

			/** The configured tokens and {@code RunnerAuthValidator} beans decide. */
			TOKEN,

			/** The application's Spring Security authentication beans decide. */
			SPRING_SECURITY

		}

	}

	/**
	 * Which tasks and events the tunnel serves.
	 */
	public static class Exposure {

		/**
		 * List of task id patterns served over HTTP; '*' matches any characters except '.', '**' any characters.
		 * Tasks declared with exposed = false are never served.
		 */
		private List<String> tasks = List.of("**");

		/**
		 * List of event id patterns served over HTTP; '*' matches any characters except '.', '**' any characters.
		 */
		private List<String> events = List.of("**");

		public List<String> getTasks() {
			return this.tasks;
		}

		public void setTasks(List<String> tasks) {
			this.tasks = tasks;
		}

		public List<String> getEvents() {
			return this.events;
		}

		public void setEvents(List<String> events) {
			this.events = events;
		}

	}

	/**
	 * Events.
	 */
	public static class Events {

		/**
		 * List of event ids that exist without a listener; emitting one is a no-op that answers 200.
		 */
		private List<String> declared = new ArrayList<>();

		public List<String> getDeclared() {
			return this.declared;
		}

		public void setDeclared(List<String> declared) {
			this.declared = declared;
		}

	}

	/**
	 * The direct route: the tunnel served by Reactor Netty ahead of WebFlux's dispatch.
	 */
	public static class DirectRoute {

		/**
		 * Whether Reactor Netty hands requests under the base path to the tunnel directly, ahead of WebFlux's
		 * DispatcherHandler, its handler mappings and every WebFilter; refused at start-up when the application has
		 * WebFilters or its own security chain for the tunnel. Needs Reactor Netty.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The discovery endpoint.
	 */
	public static class Discovery {

		/**
		 * Whether GET {base-path}/discovery lists the served task and event ids; when off it answers 404.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The published contracts: {base-path}/schema, {base-path}/types.d.ts, the actuator's schemas and the OpenAPI
	 * operations.
	 */
	public static class Schema {

		/**
		 * Whether the JSON Schemas and TypeScript declarations of the served tasks and events are generated at
		 * start-up and published (same authentication as discovery); when off both paths answer 404.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * CORS of the tunnel's responses.
	 */
	public static class Cors {

		/**
		 * List of allowed origins; '*' allows any origin (answered with Access-Control-Allow-Origin: *, or with no
		 * origin at all when credentials are allowed).
		 */
		private List<String> allowedOrigins = List.of("*");

		/**
		 * List of allowed origin patterns, such as 'https://*.example.com'; a matching origin is echoed.
		 */
		private List<String> allowedOriginPatterns = new ArrayList<>();

		/**
		 * List of methods for Access-Control-Allow-Methods on preflight responses.
		 */
		private List<String> allowedMethods = List.of("POST", "OPTIONS");

		/**
		 * List of headers for Access-Control-Allow-Headers on preflight responses; when empty, the preflight's
		 * Access-Control-Request-Headers are echoed.
		 */
		private List<String> allowedHeaders = new ArrayList<>();

		/**
		 * List of headers for Access-Control-Expose-Headers, for example 'x-runner-request-id'.
		 */
		private List<String> exposedHeaders = new ArrayList<>();

		/**
		 * Whether Access-Control-Allow-Credentials: true is sent.
		 */
		private boolean allowCredentials;

		/**
		 * How long browsers may cache a preflight response; bare numbers are seconds. Not sent when unset.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration maxAge;

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public List<String> getAllowedOriginPatterns() {
			return this.allowedOriginPatterns;
		}

		public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
			this.allowedOriginPatterns = allowedOriginPatterns;
		}

		public List<String> getAllowedMethods() {
			return this.allowedMethods;
		}

		public void setAllowedMethods(List<String> allowedMethods) {
			this.allowedMethods = allowedMethods;
		}

		public List<String> getAllowedHeaders() {
			return this.allowedHeaders;
		}

		public void setAllowedHeaders(List<String> allowedHeaders) {
			this.allowedHeaders = allowedHeaders;
		}

		public List<String> getExposedHeaders() {
			return this.exposedHeaders;
		}

		public void setExposedHeaders(List<String> exposedHeaders) {
			this.exposedHeaders = exposedHeaders;
		}

		public boolean isAllowCredentials() {
			return this.allowCredentials;
		}

		public void setAllowCredentials(boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
		}

		public @Nullable Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(@Nullable Duration maxAge) {
			this.maxAge = maxAge;
		}

		/**
		 * Returns the CORS configuration these properties describe.
		 * @return the configuration
		 */
		public CorsConfiguration toCorsConfiguration() {
			CorsConfiguration configuration = new CorsConfiguration();
			configuration.setAllowedOrigins(this.allowedOrigins);
			configuration.setAllowedOriginPatterns(this.allowedOriginPatterns);
			configuration.setAllowedMethods(this.allowedMethods);
			configuration.setAllowedHeaders(this.allowedHeaders);
			configuration.setExposedHeaders(this.exposedHeaders);
			configuration.setAllowCredentials(this.allowCredentials);
			if (this.maxAge != null) {
				configuration.setMaxAge(this.maxAge);
			}
			return configuration;
		}

	}

	/**
	 * The WebSocket door: tasks, events and channels over one socket (docs/socket.md).
	 */
	public static class Socket {

		/**
		 * Whether the WebSocket door is served (docs/socket.md).
		 */
		private boolean enabled = true;

		/**
		 * Path of the WebSocket endpoint; {base-path}/ws when not set.
		 */
		private @Nullable String path = null;

		/**
		 * Longest time a socket may stay unauthenticated before it is closed with 4401.
		 */
		private Duration authTimeout = Duration.ofSeconds(5);

		/**
		 * How often the server sends WebSocket pings.
		 */
		private Duration pingInterval = Duration.ofSeconds(25);

		/**
		 * How long after a ping the server waits for a pong or any other frame before it closes with 4408.
		 */
		private Duration pongTimeout = Duration.ofSeconds(10);

		/**
		 * Largest message, fragments reassembled; larger ones close the socket with 1009.
		 */
		private DataSize maxFrameSize = DataSize.ofKilobytes(64);

		/**
		 * Most channels a client may subscribe one socket to; more get OVERLOADED.
		 */
		private int maxChannels = 128;

		/**
		 * Most requests one socket may have running; more get OVERLOADED.
		 */
		private int maxInFlight = 64;

		/**
		 * Most sockets open at once on this instance; more are closed with 4429. No limit when not set.
		 */
		private @Nullable Integer maxConnections = null;

		/**
		 * Most frames queued for one socket that reads slower than frames arrive.
		 */
		private int outboundQueue = 1024;

		/**
		 * What happens when a socket's outbound queue is full: close (4408) or drop-oldest (gap frames).
		 */
		private SlowConsumer slowConsumer = SlowConsumer.CLOSE;

		/**
		 * Channel patterns clients may subscribe to ('*' within a '.'-separated word, '**' anything).
		 */
		private List<String> clientSubscribe = new ArrayList<>(List.of("**"));

		/**
		 * Channel patterns clients may publish to; none by default.
		 */
		private List<String> clientPublish = new ArrayList<>();

		/**
		 * Event id patterns whose emissions are published on the channel named like the event.
		 */
		private List<String> publishEvents = new ArrayList<>();

		/**
		 * What carries channels, direct sends and subscriptions to the other instances: none (each instance serves
		 * its own sockets only) or redis (Spring Data Redis reactive, configured with spring.data.redis.*).
		 */
		private Broker broker = Broker.NONE;

		/**
		 * Prefix of every Redis channel the broker uses.
		 */
		private String brokerPrefix = "runner:";

		private final Metrics metrics = new Metrics();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public Duration getAuthTimeout() {
			return this.authTimeout;
		}

		public void setAuthTimeout(Duration authTimeout) {
			this.authTimeout = authTimeout;
		}

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public Duration getPongTimeout() {
			return this.pongTimeout;
		}

		public void setPongTimeout(Duration pongTimeout) {
			this.pongTimeout = pongTimeout;
		}

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public int getMaxChannels() {
			return this.maxChannels;
		}

		public void setMaxChannels(int maxChannels) {
			this.maxChannels = maxChannels;
		}

		public int getMaxInFlight() {
			return this.maxInFlight;
		}

		public void setMaxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		public @Nullable Integer getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(@Nullable Integer maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getOutboundQueue() {
			return this.outboundQueue;
		}

		public void setOutboundQueue(int outboundQueue) {
			this.outboundQueue = outboundQueue;
		}

		public SlowConsumer getSlowConsumer() {
			return this.slowConsumer;
		}

		public void setSlowConsumer(SlowConsumer slowConsumer) {
			this.slowConsumer = slowConsumer;
		}

		public List<String> getClientSubscribe() {
			return this.clientSubscribe;
		}

		public void setClientSubscribe(List<String> clientSubscribe) {
			this.clientSubscribe = clientSubscribe;
		}

		public List<String> getClientPublish() {
			return this.clientPublish;
		}

		public void setClientPublish(List<String> clientPublish) {
			this.clientPublish = clientPublish;
		}

		public List<String> getPublishEvents() {
			return this.publishEvents;
		}

		public void setPublishEvents(List<String> publishEvents) {
			this.publishEvents = publishEvents;
		}

		public Broker getBroker() {
			return this.broker;
		}

		public void setBroker(Broker broker) {
			this.broker = broker;
		}

		public String getBrokerPrefix() {
			return this.brokerPrefix;
		}

		public void setBrokerPrefix(String brokerPrefix) {
			this.brokerPrefix = brokerPrefix;
		}

		public Metrics getMetrics() {
			return this.metrics;
		}

		/**
		 * What carries channels across instances (docs/socket.md §7).
		 */
		public enum Broker {

			/** Nothing: each instance delivers to its own sockets only. */
			NONE,

			/** Redis publish/subscribe through Spring Data Redis reactive. */
			REDIS

		}

		/**
		 * What happens when a socket's outbound queue is full.
		 */
		public enum SlowConsumer {

			/** Drop the queued frames and close the socket with 4408 slow consumer. */
			CLOSE,

			/** Drop the oldest queued channel messages, never results, and send gap frames. */
			DROP_OLDEST

		}

		/**
		 * Socket metrics.
		 */
		public static class Metrics {

			/**
			 * Whether channel publications are tagged with the channel name (mind the cardinality).
			 */
			private boolean channelTags;

			public boolean isChannelTags() {
				return this.channelTags;
			}

			public void setChannelTags(boolean channelTags) {
				this.channelTags = channelTags;
			}

		}

	}

	/**
	 * Request size and time limits.
	 */
	public static class Limits {

		/**
		 * Longest time to receive a JSON request body, counted from when the tunnel starts reading it; a body still
		 * incomplete then gets 408 REQUEST_TIMEOUT and the connection is closed.
		 */
		private Duration readTimeout = Duration.ofSeconds(30);

		/**
		 * Longest time a multipart or octet-stream body may go without bytes from the client while the task waits
		 * for them (time the task spends not asking is not counted); then 408 REQUEST_TIMEOUT when the response has
		 * not started, and the connection is closed.
		 */
		private Duration streamReadTimeout = Duration.ofSeconds(30);

		private final Json json = new Json();

		private final Multipart multipart = new Multipart();

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public Duration getStreamReadTimeout() {
			return this.streamReadTimeout;
		}

		public void setStreamReadTimeout(Duration streamReadTimeout) {
			this.streamReadTimeout = streamReadTimeout;
		}

		public Json getJson() {
			return this.json;
		}

		public Multipart getMultipart() {
			return this.multipart;
		}

		/**
		 * Limits of JSON bodies (tasks in JSON mode, all events).
		 */
		public static class Json {

			/**
			 * Largest JSON body accepted; a larger one gets 413 PAYLOAD_TOO_LARGE.
			 */
			private DataSize maxSize = DataSize.ofMegabytes(2);

			public DataSize getMaxSize() {
				return this.maxSize;
			}

			public void setMaxSize(DataSize maxSize) {
				this.maxSize = maxSize;
			}

		}

		/**
		 * Limits of multipart task requests (file uploads). Exceeding one answers 413 PAYLOAD_TOO_LARGE.
		 */
		public static class Multipart {

			/**
			 * Size at which a file part is refused: a file must be smaller than this, so a file of exactly this size
			 * is refused (as by the Node exposure).
			 */
			private DataSize maxFileSize = DataSize.ofMegabytes(20);

			/**
			 * Largest number of file parts in a request, and of distinct files its manifest refers to.
			 */
			private int maxFiles = 10;

			/**
			 * Largest number of non-file parts (fields) in a request, the manifest included.
			 */
			private int maxFields = 100;

			/**
			 * Size at which a field, the manifest included, is refused: a field must be smaller than this.
			 */
			private DataSize maxFieldSize = DataSize.ofMegabytes(1);

			/**
			 * Largest number of parts (fields and files together) in a request; unlimited when unset.
			 */
			private @Nullable Integer maxParts;

			public DataSize getMaxFileSize() {
				return this.maxFileSize;
			}

			public void setMaxFileSize(DataSize maxFileSize) {
				this.maxFileSize = maxFileSize;
			}

			public int getMaxFiles() {
				return this.maxFiles;
			}

			public void setMaxFiles(int maxFiles) {
				this.maxFiles = maxFiles;
			}

			public int getMaxFields() {
				return this.maxFields;
			}

			public void setMaxFields(int maxFields) {
				this.maxFields = maxFields;
			}

			public DataSize getMaxFieldSize() {
				return this.maxFieldSize;
			}

			public void setMaxFieldSize(DataSize maxFieldSize) {
				this.maxFieldSize = maxFieldSize;
			}

			public @Nullable Integer getMaxParts() {
				return this.maxParts;
			}

			public void setMaxParts(@Nullable Integer maxParts) {
				this.maxParts = maxParts;
			}

		}

	}

}
