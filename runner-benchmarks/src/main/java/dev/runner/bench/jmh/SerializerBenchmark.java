package dev.runner.bench.jmh;

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
import tools.jackson.databind.json.JsonMapper;

import dev.runner.bench.BenchData;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * {@link RunnerSerializer} decode and encode against plain Jackson 3 on the same documents. Decode: runner values
 * (type records resolved, keys unescaped) vs Jackson's untyped {@code Map}/{@code List}. Encode: the runner's tree
 * format of the runner-decoded value (of the records, for {@code hi24k}) vs Jackson writing its own decoded value
 * (the records, for {@code hi24k}); for the typed vectors Jackson writes the type records as plain maps, so it does
 * less work than the runner. Run with {@code runner-benchmarks/jmh} (adds {@code -prof gc}).
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xmx512m" })
public class SerializerBenchmark {

	@Param({ "add", "T5", "T52", "G11", "hi24k" })
	public String vector;

	private JsonMapper mapper;

	private RunnerSerializer serializer;

	private byte[] json;

	private Object runnerValue;

	private Object jacksonValue;

	@Setup
	public void setup() {
		this.mapper = JsonMapper.builder().build();
		this.serializer = new RunnerSerializer(this.mapper);
		this.json = Vectors.bytes(this.vector);
		boolean records = this.vector.equals("hi24k");
		this.runnerValue = records ? BenchData.ITEMS : this.serializer.decode(this.json);
		this.jacksonValue = records ? BenchData.ITEMS : this.mapper.readValue(this.json, Object.class);
	}

	@Benchmark
	public Object runnerDecode() {
		return this.serializer.decode(this.json);
	}

	@Benchmark
	public Object jacksonDecode() {
		return this.mapper.readValue(this.json, Object.class);
	}

	@Benchmark
	public byte[] runnerEncode() {
		return this.serializer.encode(this.runnerValue);
	}

	@Benchmark
	public byte[] jacksonEncode() {
		return this.mapper.writeValueAsBytes(this.jacksonValue);
	}

}
