package dev.runner.spring.serializer;

import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Binding decoded values to parameter types (docs/serializer.md §9.1).
 */
class ConvertTests {

	private final RunnerSerializer serializer = new RunnerSerializer(JsonMapper.builder().build());

	@Test
	void convertsRecordsWithTypedFields() {
		Object decoded = decode("{\"id\":\"o1\",\"at\":{\"__type\":\"Date\",\"value\":\"2024-01-02T03:04:05.678Z\"},"
				+ "\"lines\":[{\"sku\":\"x\",\"qty\":2}],\"total\":{\"__type\":\"BigInt\",\"value\":\"12345678901234567890\"},"
				+ "\"tags\":{\"__type\":\"Set\",\"value\":[\"a\",\"b\"]},\"data\":{\"__type\":\"Uint8Array\",\"value\":[1,2]},"
				+ "\"pattern\":{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"a\",\"flags\":\"g\"}},\"when\":"
				+ "{\"__type\":\"Date\",\"value\":0},\"note\":{\"__type\":\"Undefined\",\"value\":null}}");
		Order order = (Order) this.serializer.convert(decoded, Order.class);
		assertThat(order.id()).isEqualTo("o1");
		assertThat(order.at()).isEqualTo(Instant.parse("2024-01-02T03:04:05.678Z"));
		assertThat(order.lines()).containsExactly(new Line("x", 2));
		assertThat(order.total()).isEqualTo(new BigInteger("12345678901234567890"));
		assertThat(order.tags()).containsExactlyInAnyOrder("a", "b");
		assertThat(order.data()).containsExactly(1, 2);
		assertThat(order.pattern()).isEqualTo(new JsRegExp("a", "g"));
		assertThat(order.when()).isEqualTo(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
		assertThat(order.note()).isNull();
	}

	@Test
	void convertsRegExpToPatternWithItsFlags() {
		String regExp = "{\"__type\":\"RegExp\",\"value\":{\"pattern\":\"^ab+c$\",\"flags\":\"im\"}}";
		Pattern pattern = (Pattern) convert(regExp, Pattern.class);
		assertThat(pattern.pattern()).isEqualTo("^ab+c$");
		assertThat(pattern.flags()).isEqualTo(Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
		Search search = (Search) convert("{\"name\":\"s\",\"pattern\":" + regExp + "}", Search.class);
		assertThat(search.pattern().pattern()).isEqualTo("^ab+c$");
		assertThat(search.pattern().matcher("ABBC").matches()).isTrue();
	}

	@Test
	void convertsPojos() {
		Person person = (Person) this.serializer.convert(decode("{\"name\":\"Ann\",\"age\":30,\"born\":\"1994-05-06\"}"),
				Person.class);
		assertThat(person.getName()).isEqualTo("Ann");
		assertThat(person.getAge()).isEqualTo(30);
		assertThat(person.getBorn()).isEqualTo(LocalDate.of(1994, 5, 6));
	}

	@Test
	void convertsCollectionsAndMaps() {
		assertThat(convert("[{\"sku\":\"a\",\"qty\":1}]", new TypeReference<List<Line>>() {
		})).isEqualTo(List.of(new Line("a", 1)));
		assertThat(convert("{\"__type\":\"Set\",\"value\":[1,2]}", new TypeReference<Set<Integer>>() {
		})).isEqualTo(Set.of(1, 2));
		assertThat(convert("[\"a\",\"a\"]", new TypeReference<Set<String>>() {
		})).isEqualTo(Set.of("a"));
		assertThat(convert("{\"a\":1,\"b\":2}", new TypeReference<Map<String, Integer>>() {
		})).isEqualTo(Map.of("a", 1, "b", 2));
		assertThat(convert("{\"__type\":\"Map\",\"value\":[[1,\"x\"]]}", new TypeReference<Map<Long, String>>() {
		})).isEqualTo(Map.of(1L, "x"));
		assertThat(convert("[1,2]", int[].class)).isEqualTo(new int[] { 1, 2 });
	}

	@Test
	void keepsValuesThatAlreadyFit() {
		Object decoded = decode("{\"d\":{\"__type\":\"Date\",\"value\":0},\"m\":{\"__type\":\"Map\",\"value\":[[1,2]]}}");
		assertThat(this.serializer.convert(decoded, Object.class)).isSameAs(decoded);
		assertThat(this.serializer.convert(decoded, new TypeReference<Map<String, Object>>() {
		}.getType())).isSameAs(decoded);
		assertThat(this.serializer.convert(decoded, Map.class)).isSameAs(decoded);
		assertThat(((Map<?, ?>) decoded).get("d")).isEqualTo(Instant.EPOCH);
		JsMap jsMap = (JsMap) ((Map<?, ?>) decoded).get("m");
		assertThat(this.serializer.convert(jsMap, Object.class)).isSameAs(jsMap);
		assertThat(this.serializer.convert(jsMap, new TypeReference<Map<?, ?>>() {
		}.getType())).isSameAs(jsMap);
		assertThat(this.serializer.convert(jsMap, new TypeReference<Map<String, Object>>() {
		}.getType())).isEqualTo(Map.of("1", 2L)).isNotInstanceOf(JsMap.class);
		List<?> list = (List<?>) decode("[1]");
		assertThat(this.serializer.convert(list, new TypeReference<List<Object>>() {
		}.getType())).isSameAs(list);
		assertThat(this.serializer.convert(list, new TypeReference<List<?>>() {
		}.getType())).isSameAs(list);
		BigInteger big = (BigInteger) decode("{\"__type\":\"BigInt\",\"value\":\"1\"}");
		assertThat(this.serializer.convert(big, BigInteger.class)).isSameAs(big);
		byte[] bytes = (byte[]) decode("{\"__type\":\"Buffer\",\"value\":[1]}");
		assertThat(this.serializer.convert(bytes, byte[].class)).isSameAs(bytes);
		Long number = (Long) decode("5");
		assertThat(this.serializer.convert(number, long.class)).isSameAs(number);
	}

	@Test
	void convertsScalars() {
		assertThat(convert("5", int.class)).isEqualTo(5);
		assertThat(convert("5", Integer.class)).isEqualTo(5);
		assertThat(convert("5", double.class)).isEqualTo(5.0);
		assertThat(convert("5", BigInteger.class)).isEqualTo(BigInteger.valueOf(5));
		assertThat(convert("true", boolean.class)).isEqualTo(true);
		assertThat(convert("{\"__type\":\"BigInt\",\"value\":\"7\"}", long.class)).isEqualTo(7L);
		assertThat(convert("\"GREEN\"", Color.class)).isEqualTo(Color.GREEN);
		assertThat(convert("\"123e4567-e89b-12d3-a456-426614174000\"", UUID.class))
			.isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
		assertThat(convert("\"2024-01-02\"", LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 2));
		assertThat(convert("{\"__type\":\"Date\",\"value\":0}", java.util.Date.class)).isEqualTo(new java.util.Date(0));
		assertThat(convert("\"1970-01-01T00:00:00Z\"", Instant.class)).isEqualTo(Instant.EPOCH);
		assertThat(convert("{\"__type\":\"NonFiniteNumber\",\"value\":\"NaN\"}", double.class)).isEqualTo(Double.NaN);
		assertThat(convert("\"x\"", new TypeReference<Optional<String>>() {
		})).isEqualTo(Optional.of("x"));
		assertThat(convert("{\"__type\":\"URL\",\"value\":\"https://a/b\"}", String.class)).isEqualTo("https://a/b");
	}

	@Test
	void convertsToJsonNode() {
		JsonNode node = (JsonNode) convert("{\"a\":[1,\"x\",{\"__type\":\"Date\",\"value\":0}],\"b\":null}", JsonNode.class);
		assertThat(node.get("a").get(0).intValue()).isEqualTo(1);
		assertThat(node.get("a").get(2).stringValue()).isEqualTo("1970-01-01T00:00:00Z");
		assertThat(node.get("b").isNull()).isTrue();
	}

	@Test
	void undefinedAndNullBecomeAbsentValues() {
		assertThat(this.serializer.convert(JsUndefined.INSTANCE, String.class)).isNull();
		assertThat(this.serializer.convert(null, Line.class)).isNull();
		assertThat(this.serializer.convert(JsUndefined.INSTANCE, new TypeReference<Optional<String>>() {
		}.getType())).isEqualTo(Optional.empty());
		// Jackson 3 fails on null primitives by default
		assertThat(catchThrowableOfType(RunnerInputConversionException.class,
				() -> this.serializer.convert(null, int.class)))
			.hasMessage("must not be null");
		RunnerSerializer lenient = new RunnerSerializer(
				JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build());
		assertThat(lenient.convert(JsUndefined.INSTANCE, int.class)).isEqualTo(0);
		assertThat(lenient.convert(null, boolean.class)).isEqualTo(false);
		assertThat(lenient.convert(null, double.class)).isEqualTo(0.0);
		assertThat(lenient.convert(null, char.class)).isEqualTo('\0');
	}

	@Test
	void reportsPathAndSafeMessage() {
		Object decoded = decode("{\"id\":\"o1\",\"lines\":[{\"sku\":\"x\",\"qty\":\"lots\"}]}");
		RunnerInputConversionException ex = catchThrowableOfType(RunnerInputConversionException.class,
				() -> this.serializer.convert(decoded, Order.class));
		assertThat(ex.path()).isEqualTo("lines[0].qty");
		assertThat(ex.getMessage()).isEqualTo("must be a number");
		assertThat(ex.getMessage()).doesNotContain("lots", "java", "Line", "Jackson");
		assertThat(ex.getCause()).isNotNull();
	}

	@Test
	void reportsOtherFailures() {
		assertFailure("\"abc\"", int.class, "", "must be a number");
		assertFailure("{\"__type\":\"BigInt\",\"value\":\"99999999999999999999\"}", int.class, "", "is out of range");
		assertFailure("\"x\"", Line.class, "", "must be an object");
		assertFailure("{\"lines\":{}}", Order.class, "lines", "must be an array");
		assertFailure("{\"lines\":[{\"qty\":[1]}]}", Order.class, "lines[0].qty", "must be a number");
		assertFailure("\"BLUE\"", Color.class, "", "must be one of: RED, GREEN");
		assertFailure("{\"at\":\"yesterday\"}", Order.class, "at", "must be a date");
		assertFailure("[\"a\"]", boolean[].class, "[0]", "must be a boolean");
		assertFailure("{\"m\":{\"x\":\"y\"}}", new TypeReference<Map<String, Map<String, Integer>>>() {
		}.getType(), "m.x", "must be a number");
		RunnerSerializer strict = new RunnerSerializer(
				JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
		RunnerInputConversionException ex = catchThrowableOfType(RunnerInputConversionException.class,
				() -> strict.convert(decode("{\"sku\":\"a\",\"qty\":1,\"extra\":true}"), Line.class));
		assertThat(ex.path()).isEqualTo("extra");
		assertThat(ex.getMessage()).isEqualTo("is not a known property");
	}

	@Test
	void cyclicGraphValueFailsCleanly() {
		Object decoded = decode("{\"__graph\":true,\"root\":{\"__ref\":\"a\"},\"nodes\":{\"a\":{\"kind\":\"object\","
				+ "\"value\":{\"sku\":\"s\",\"self\":{\"__ref\":\"a\"}}}}}");
		RunnerInputConversionException ex = catchThrowableOfType(RunnerInputConversionException.class,
				() -> this.serializer.convert(decoded, Line.class));
		assertThat(ex.getMessage()).isEqualTo("is nested too deeply");
	}

	private void assertFailure(String text, Type type, String path, String message) {
		RunnerInputConversionException ex = catchThrowableOfType(RunnerInputConversionException.class,
				() -> this.serializer.convert(decode(text), type));
		assertThat(ex).as(text).isNotNull();
		assertThat(ex.path()).as(text).isEqualTo(path);
		assertThat(ex.getMessage()).as(text).isEqualTo(message);
	}

	private Object decode(String text) {
		return this.serializer.decode(text);
	}

	private Object convert(String text, Type type) {
		return this.serializer.convert(decode(text), type);
	}

	private Object convert(String text, TypeReference<?> type) {
		return this.serializer.convert(decode(text), type.getType());
	}

	record Line(String sku, int qty) {
	}

	record Order(String id, Instant at, List<Line> lines, BigInteger total, Set<String> tags, byte[] data,
			JsRegExp pattern, OffsetDateTime when, String note) {
	}

	enum Color {

		RED, GREEN

	}

	record Search(String name, Pattern pattern) {
	}

	static class Person {

		private String name;

		private int age;

		private LocalDate born;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public int getAge() {
			return this.age;
		}

		public void setAge(int age) {
			this.age = age;
		}

		public LocalDate getBorn() {
			return this.born;
		}

		public void setBorn(LocalDate born) {
			this.born = born;
		}

	}

}
