package dev.runner.bench.jmh;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import dev.runner.bench.BenchData.AddInput;
import dev.runner.bench.BenchData.Item;
import dev.runner.spring.serializer.RunnerSerializer;

import org.springframework.core.ResolvableType;

/**
 * From request bytes to the handler's parameter: the starter's path (runner decode, take {@code input}, convert to
 * the declared type) against Jackson binding the same bytes straight to the type, as a bare WebFlux handler does.
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xmx512m" })
public class BindBenchmark {

	/** {@code add}: {@code {"input":{"a":1,"b":2}}} to {@code AddInput}; {@code hi24k}: the records. */
	@Param({ "add", "hi24k" })
	public String vector;

	private JsonMapper mapper;

	private RunnerSerializer serializer;

	private byte[] json;

	private Type type;

	private ObjectReader reader;

	@Setup
	public void setup() {
		this.mapper = JsonMapper.builder().build();
		this.serializer = new RunnerSerializer(this.mapper);
		if (this.vector.equals("add")) {
			this.json = Vectors.bytes("add");
			this.type = AddInput.class;
			this.reader = this.mapper.readerFor(AddBody.class);
		}
		else {
			this.json = ("{\"input\":" + Vectors.HI_24K + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
			this.type = ResolvableType.forClassWithGenerics(List.class, Item.class).getType();
			JavaType javaType = this.mapper.getTypeFactory().constructType(new TypeReference<ItemsBody>() {
			});
			this.reader = this.mapper.readerFor(javaType);
		}
	}

	@Benchmark
	public Object runnerDecodeAndConvert() {
		Object body = this.serializer.decode(this.json);
		return this.serializer.convert(((Map<?, ?>) body).get("input"), this.type);
	}

	@Benchmark
	public Object jacksonBind() {
		return this.reader.readValue(this.json);
	}

	/**
	 * A request body with an {@code add} input.
	 * @param input the input
	 */
	public record AddBody(AddInput input) {
	}

	/**
	 * A request body with the records as input.
	 * @param input the records
	 */
	public record ItemsBody(List<Item> input) {
	}

}
