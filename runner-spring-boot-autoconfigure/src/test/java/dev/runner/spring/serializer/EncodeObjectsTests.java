package dev.runner.spring.serializer;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Encoding of records, POJOs and other Java values (docs/serializer.md §9.2).
 */
class EncodeObjectsTests {

	private static final String EPOCH = "{\"__type\":\"Date\",\"value\":\"1970-01-01T00:00:00.000Z\"}";

	private static final String UNDEFINED = "{\"__type\":\"Undefined\",\"value\":null}";

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final RunnerSerializer serializer = new RunnerSerializer(this.mapper);

	@Test
	void recordWithNestedTypedValues() {
		Order order = new Order("o1", Instant.EPOCH, List.of(new Line("x", 2, 1.5)), Map.of("k", Set.of(1)),
				Optional.empty(), BigInteger.TEN, null);
		assertThat(this.serializer.encodeToString(order)).isEqualTo("{\"id\":\"o1\",\"at\":" + EPOCH
				+ ",\"lines\":[{\"sku\":\"x\",\"qty\":2,\"price\":1.5}],\"meta\":{\"k\":{\"__type\":\"Set\",\"value\":[1]}},"
				+ "\"note\":" + UNDEFINED + ",\"big\":{\"__type\":\"BigInt\",\"value\":\"10\"},\"missing\":null}");
		assertThat(new ClassCodecs(this.mapper, CustomTypes.NONE).get(Order.class).kind()).isEqualTo(ValueKind.BEAN);
	}

	@Test
	void recordWithPatternEncodesARegExp() {
		assertThat(this.serializer.encodeToString(new Search("s", Pattern.compile("^ab+c$", Pattern.CASE_INSENSITIVE))))
			.isEqualTo("{\"name\":\"s\",\"pattern\":{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"^ab+c$\","
					+ "\"flags\":\"i\"}}}");
	}

	@Test
	void pojoPropertiesFollowJackson() {
		assertThat(this.serializer.encodeToString(new Pojo()))
			.isEqualTo("{\"alpha\":\"a\",\"renamed\":" + EPOCH + ",\"timeout\":\"PT1M30S\",\"zeta\":1}");
	}

	@Test
	void honoursPropertyOrderAndInclusion() {
		assertThat(this.serializer.encodeToString(new Included(null, "", List.of(), Optional.empty(), null, 7)))
			.isEqualTo("{\"b\":7,\"nonAbsent\":\"\",\"always\":null}");
		assertThat(this.serializer.encodeToString(new Included("x", "y", List.of(1), Optional.of(2), "z", 7)))
			.isEqualTo("{\"b\":7,\"nonNull\":\"x\",\"nonAbsent\":\"y\",\"nonEmpty\":[1],\"optional\":2,\"always\":\"z\"}");
	}

	@Test
	void honoursMapperNamingStrategyAndDefaultInclusion() {
		JsonMapper snake = JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.build();
		assertThat(new RunnerSerializer(snake).encodeToString(new Camel("v", null, Instant.EPOCH)))
			.isEqualTo("{\"first_name\":\"v\",\"created_at\":" + EPOCH + "}");
	}

	@Test
	void escapesAndDropsPropertyNames() {
		assertThat(this.serializer.encodeToString(new Reserved("t", 1, 2, 3)))
			.isEqualTo("{\"1\":3,\"2\":2,\"$runner.escape::__type\":\"t\"}");
	}

	@Test
	void anyGetterFallsBackToJacksonKeepingTypedValues() {
		assertThat(this.serializer.encodeToString(new WithAnyGetter()))
			.isEqualTo("{\"name\":\"n\",\"when\":" + EPOCH + ",\"$runner.escape::__type\":\"Date\"}");
	}

	@Test
	void jsonValueAndUnwrappedFallBackToJackson() {
		assertThat(this.serializer.encodeToString(new WithJsonValue())).isEqualTo("{\"at\":" + EPOCH + "}");
		assertThat(this.serializer.encodeToString(new WithUnwrapped(new Line("s", 1, 0.5), Instant.EPOCH)))
			.isEqualTo("{\"sku\":\"s\",\"qty\":1,\"price\":0.5,\"at\":" + EPOCH + "}");
		assertThat(this.serializer.encodeToString(List.of(Duration.ofSeconds(90), Map.entry("k", Instant.EPOCH))))
			.isEqualTo("[\"PT1M30S\",{\"k\":" + EPOCH + "}]");
	}

	@Test
	void specialValues() {
		assertThat(this.serializer.encodeToString(Optional.of("x"))).isEqualTo("\"x\"");
		assertThat(this.serializer.encodeToString(Optional.empty())).isEqualTo(UNDEFINED);
		assertThat(this.serializer.encodeToString(OptionalInt.of(3))).isEqualTo("3");
		assertThat(this.serializer.encodeToString(OptionalDouble.empty())).isEqualTo(UNDEFINED);
		assertThat(this.serializer.encodeToString(null)).isEqualTo("null");
		assertThat(this.serializer.encodeToString(Color.GREEN)).isEqualTo("\"GREEN\"");
		assertThat(this.serializer.encodeToString('c')).isEqualTo("\"c\"");
		assertThat(this.serializer.encodeToString(new StringBuilder("sb"))).isEqualTo("\"sb\"");
		assertThat(this.serializer.encodeToString(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
			.isEqualTo("\"123e4567-e89b-12d3-a456-426614174000\"");
		assertThat(this.serializer.encodeToString(new TreeSet<>(List.of("b", "a"))))
			.isEqualTo("{\"__type\":\"Set\",\"value\":[\"a\",\"b\"]}");
		assertThat(this.serializer.encodeToString(new ArrayDeque<>(List.of(1, 2)))).isEqualTo("[1,2]");
		assertThat(this.serializer.encodeToString(new LinkedHashSet<>())).isEqualTo("{\"__type\":\"Set\",\"value\":[]}");
	}

	@Test
	void urlsAndBinary() throws Exception {
		assertThat(this.serializer.encodeToString(new URL("https://example.com/x?y=1")))
			.isEqualTo("{\"__type\":\"URL\",\"value\":\"https://example.com/x?y=1\"}");
		assertThat(this.serializer.encodeToString(new JsUrl("https://h/a|b")))
			.isEqualTo("{\"__type\":\"URL\",\"value\":\"https://h/a|b\"}");
		assertThat(this.serializer.encodeToString(URI.create("mailto:a@b.c")))
			.isEqualTo("{\"__type\":\"URL\",\"value\":\"mailto:a@b.c\"}");
		ByteBuffer buffer = ByteBuffer.wrap(new byte[] { 1, 2, 3 });
		buffer.position(1);
		assertThat(this.serializer.encodeToString(buffer)).isEqualTo("{\"__type\":\"ArrayBuffer\",\"value\":[2,3]}");
		assertThat(buffer.position()).isEqualTo(1);
		assertThat(this.serializer.encodeToString(new byte[0])).isEqualTo("{\"__type\":\"Uint8Array\",\"value\":[]}");
		assertThat(this.serializer.encodeToString(JsUrlSearchParams.of("q", "a&b=é*~", "s", "x\uD800 y")))
			.isEqualTo("{\"__type\":\"URLSearchParams\",\"value\":\"q=a%26b%3D%C3%A9*%7E&s=x%EF%BF%BD+y\"}");
	}

	@Test
	void errorsDropBlockedCustomFields() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("toString", 1);
		fields.put("code", "E");
		fields.put("__type", "x");
		assertThat(this.serializer.encodeToString(new JsError("E", "m", null, fields)))
			.isEqualTo("{\"__type\":\"Error\",\"value\":{\"name\":\"E\",\"message\":\"m\",\"customFields\":"
					+ "{\"code\":\"E\",\"$runner.escape::__type\":\"x\"}}}");
	}

	@Test
	void jsonNodes() {
		ObjectNode node = JsonNodeFactory.instance.objectNode();
		node.put("__type", "Date");
		node.put("d", 1e21);
		node.put("n", 5);
		node.put("big", new BigInteger("123456789012345678901234567890"));
		node.put("dec", new java.math.BigDecimal("1.50"));
		node.putArray("a").add(true).addNull().add("s");
		node.put("bin", new byte[] { 1 });
		node.put("2", 2);
		assertThat(this.serializer.encodeToString(node)).isEqualTo("{\"2\":2,\"$runner.escape::__type\":\"Date\","
				+ "\"d\":1e+21,\"n\":5,\"big\":123456789012345678901234567890,\"dec\":1.50,\"a\":[true,null,\"s\"],"
				+ "\"bin\":{\"__type\":\"Uint8Array\",\"value\":[1]}}");
		assertThat(this.serializer.encodeToString(JsonNodeFactory.instance.missingNode())).isEqualTo(UNDEFINED);
		assertThat(this.serializer.encodeToString(JsonNodeFactory.instance.pojoNode(Instant.EPOCH))).isEqualTo(EPOCH);
	}

	@Test
	void refusesFunctionsAndOpaqueObjects() {
		Runnable runnable = () -> {
		};
		Supplier<String> supplier = () -> "x";
		assertOpaque(runnable, "function");
		assertOpaque(supplier, "function");
		assertOpaque(new Task(), "function");
		assertOpaque(Map.of("fn", supplier), "function");
		assertOpaque(new Holder(supplier), "function");
		assertOpaque(Stream.of(1), null);
		assertOpaque(new ByteArrayInputStream(new byte[0]), "java.io.ByteArrayInputStream");
		assertOpaque(Thread.currentThread(), "java.lang.Thread");
		assertOpaque(String.class, "java.lang.Class");
		assertOpaque(CompletableFuture.completedFuture(1), "java.util.concurrent.CompletableFuture");
		assertOpaque(List.of(1).iterator(), null);
	}

	private void assertOpaque(Object value, String type) {
		RunnerSerializationException ex = SerializerAssertions.encodeFailure(this.serializer, value);
		assertThat(ex.errorId()).isEqualTo(RunnerSerializationException.TYPE_ERROR);
		assertThat(ex.getMessage()).startsWith("Cannot serialize value of type \"");
		if (type != null) {
			assertThat(ex.getMessage()).isEqualTo("Cannot serialize value of type \"" + type + "\"");
		}
	}

	@Test
	void emptyBeanFollowsFailOnEmptyBeans() {
		JsonMapper strict = JsonMapper.builder()
			.enable(tools.jackson.databind.SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.build();
		assertThat(this.serializer.encodeToString(new Empty())).isEqualTo("{}");
		assertThat(SerializerAssertions.encodeFailure(new RunnerSerializer(strict), new Empty()).errorId())
			.isEqualTo(RunnerSerializationException.TYPE_ERROR);
	}

	@Test
	void throwingGetterFails() {
		assertThat(SerializerAssertions.encodeFailure(this.serializer, new Throwing()).getMessage())
			.startsWith("Cannot read property \"boom\"");
	}

	record Search(String name, Pattern pattern) {
	}

	record Line(String sku, int qty, double price) {
	}

	record Order(String id, Instant at, List<Line> lines, Map<String, Object> meta, Optional<String> note,
			BigInteger big, String missing) {
	}

	static class Pojo {

		public int zeta = 1;

		@JsonIgnore
		public String hidden = "h";

		public String getAlpha() {
			return "a";
		}

		public Duration getTimeout() {
			return Duration.ofSeconds(90);
		}

		@JsonProperty("renamed")
		public Instant getWhen() {
			return Instant.EPOCH;
		}

	}

	@JsonPropertyOrder({ "b" })
	record Included(@JsonInclude(JsonInclude.Include.NON_NULL) String nonNull,
			@JsonInclude(JsonInclude.Include.NON_ABSENT) String nonAbsent,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> nonEmpty,
			@JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Integer> optional, String always, int b) {
	}

	record Camel(String firstName, String lastName, Instant createdAt) {
	}

	record Reserved(@JsonProperty("__type") String type, @JsonProperty("constructor") int ctor,
			@JsonProperty("2") int two, @JsonProperty("1") int one) {
	}

	static class WithAnyGetter {

		public String getName() {
			return "n";
		}

		@JsonAnyGetter
		public Map<String, Object> any() {
			Map<String, Object> any = new LinkedHashMap<>();
			any.put("when", Instant.EPOCH);
			any.put("__type", "Date");
			return any;
		}

	}

	static class WithJsonValue {

		@JsonValue
		Map<String, Object> value() {
			return Map.of("at", Instant.EPOCH);
		}

	}

	record WithUnwrapped(@JsonUnwrapped Line line, Instant at) {
	}

	enum Color {

		RED, GREEN

	}

	static class Task implements Runnable {

		@Override
		public void run() {
		}

		public int getX() {
			return 1;
		}

	}

	record Holder(Supplier<String> supplier) {
	}

	static class Empty {

	}

	static class Throwing {

		public String getBoom() {
			throw new IllegalStateException("boom");
		}

	}

}
