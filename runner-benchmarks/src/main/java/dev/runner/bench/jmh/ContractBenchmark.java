package dev.runner.bench.jmh;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaBuilder;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import dev.runner.spring.autoconfigure.RunnerAutoConfiguration;
import dev.runner.spring.contract.RunnerContracts;
import dev.runner.spring.core.RunnerExposure;
import dev.runner.spring.core.RunnerRegistry;
import dev.runner.spring.core.TaskDescriptor;
import dev.runner.spring.serializer.RunnerSerializer;

/**
 * The start-up cost of the published contracts (docs/tunnel-http.md §19): generating the JSON Schemas and TypeScript
 * declarations of every served task ({@link RunnerContracts}, what the starter does once at start-up), against
 * victools' generator with its own plain-JSON preset and Jackson module describing the same input and result types
 * in one pass. The tasks are compiled for the run: {@code vector} {@code tasks20} or {@code tasks500}, each task with
 * its own input record (strings, numbers, a date, a list of item records, an {@code Optional}, a map), item record
 * and result record (a set, a double): three types per task.
 *
 * @since 0.2.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ContractBenchmark {

	@Param({ "tasks20", "tasks500" })
	public String vector;

	private ConfigurableApplicationContext context;

	private RunnerRegistry registry;

	private RunnerExposure exposure;

	private RunnerSerializer serializer;

	private List<Type> types;

	private SchemaGenerator victools;

	private Path sources;

	@Setup(Level.Trial)
	public void setup() throws Exception {
		int tasks = Integer.parseInt(this.vector.substring("tasks".length()));
		this.sources = Files.createTempDirectory("runner-contract-bench");
		Class<?> handlers = compile(tasks, this.sources);
		this.context = new SpringApplicationBuilder(Configuration.class).web(WebApplicationType.NONE)
			.resourceLoader(new DefaultResourceLoader(handlers.getClassLoader()))
			.initializers((context) -> ((GenericApplicationContext) context).registerBean(handlers))
			.properties("spring.main.banner-mode=off", "logging.level.root=warn")
			.run();
		this.registry = this.context.getBean(RunnerRegistry.class);
		this.serializer = this.context.getBean(RunnerSerializer.class);
		this.exposure = new RunnerExposure(this.registry, List.of("**"), List.of("**"));
		this.types = new ArrayList<>();
		for (TaskDescriptor task : this.registry.tasks()) {
			this.types.add(task.invoker().inputType());
			this.types.add(task.invoker().resultType());
		}
		if (this.registry.tasks().size() != tasks) {
			throw new IllegalStateException(this.registry.tasks().size() + " tasks registered, " + tasks + " compiled");
		}
		this.victools = new SchemaGenerator(new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON).with(new JacksonSchemaModule()).build());
	}

	@TearDown(Level.Trial)
	public void tearDown() throws IOException {
		this.context.close();
		try (var files = Files.walk(this.sources)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	/** What the starter does at start-up: schemas, shared definitions and TypeScript declarations. */
	@Benchmark
	public Object runnerContracts() {
		RunnerContracts contracts = new RunnerContracts(this.registry, this.exposure, this.serializer);
		contracts.generate();
		return contracts.typeDeclarations();
	}

	/** victools alone, the same types in one pass with shared definitions. */
	@Benchmark
	public ObjectNode victoolsSchemas() {
		SchemaBuilder builder = this.victools.buildMultipleSchemaDefinitions();
		for (Type type : this.types) {
			builder.createSchemaReference(type);
		}
		return builder.collectDefinitions("$defs");
	}

	/**
	 * Writes and compiles {@code tasks} tasks with three record types each, and loads their handler class.
	 */
	private static Class<?> compile(int tasks, Path directory) throws Exception {
		StringBuilder source = new StringBuilder("package gen;\n\nimport java.util.*;\n\n"
				+ "public class Handlers {\n");
		for (int i = 0; i < tasks; i++) {
			source.append("  public record Item").append(i).append("(String sku, java.math.BigInteger quantity) {}\n")
				.append("  public record Input").append(i).append("(String name, int count, java.time.Instant at, List<Item")
				.append(i).append("> items, Optional<String> note, Map<String, Long> tags) {}\n")
				.append("  public record Result").append(i).append("(String id, Set<String> labels, double score) {}\n")
				.append("  @dev.runner.spring.RunnerTask(\"gen.task").append(i).append("\") public Result").append(i)
				.append(" task").append(i).append("(Input").append(i).append(" input) { return null; }\n");
		}
		source.append("}\n");
		Path file = directory.resolve("gen/Handlers.java");
		Files.createDirectories(file.getParent());
		Files.writeString(file, source);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int status = compiler.run(null, null, null, "-d", directory.toString(), "-cp",
				System.getProperty("java.class.path"), "-parameters", file.toString());
		if (status != 0) {
			throw new IllegalStateException("javac failed for the generated tasks");
		}
		URLClassLoader loader = new URLClassLoader(new URL[] { directory.toUri().toURL() },
				ContractBenchmark.class.getClassLoader());
		return loader.loadClass("gen.Handlers");
	}

	@ImportAutoConfiguration(RunnerAutoConfiguration.class)
	static class Configuration {

	}

}
