package dev.runner.spring.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.framework.autoproxy.BeanNameAutoProxyCreator;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import dev.runner.spring.RunnerContext;
import dev.runner.spring.RunnerEvent;
import dev.runner.spring.RunnerStreamResponse;
import dev.runner.spring.RunnerTask;
import dev.runner.spring.autoconfigure.RunnerAutoConfiguration;
import dev.runner.spring.serializer.JsUndefined;
import dev.runner.spring.serializer.RunnerSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RunnerMethodProcessorTests {

	private static final RunnerContext CONTEXT = new InProcessRunnerContext(
			new RunnerSerializer(tools.jackson.databind.json.JsonMapper.builder().build()),
			dev.runner.spring.RunnerAuthentication.IN_PROCESS);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunnerAutoConfiguration.class));

	@Test
	void callsHandlersThroughJdkAndCglibProxies() {
		this.contextRunner.withUserConfiguration(ProxiedHandlers.class).run((context) -> {
			RunnerRegistry registry = context.getBean(RunnerRegistry.class);
			assertThat(AopUtils.isJdkDynamicProxy(context.getBean("greeter"))).isTrue();
			assertThat(AopUtils.isCglibProxy(context.getBean("counter"))).isTrue();
			assertThat(call(registry, "app.greet", "Ada")).isEqualTo("hello Ada");
			assertThat(call(registry, "app.count", null)).isEqualTo(1);
			assertThat(context.getBean(ProxiedHandlers.class).intercepted).hasValue(2);
		});
	}

	@Test
	void servesFunctionalBeansWithTheirGenericTypes() {
		this.contextRunner.withUserConfiguration(FunctionalHandlers.class).run((context) -> {
			RunnerRegistry registry = context.getBean(RunnerRegistry.class);
			assertThat(registry.task("app.double").invoker().inputType()).isEqualTo(Integer.class);
			assertThat(registry.task("app.sum").invoker().inputType().getTypeName())
				.isEqualTo("java.util.List<java.lang.Integer>");
			assertThat(call(registry, "app.sum", List.of(1L, 2L))).isEqualTo(3);
			assertThat(call(registry, "app.double", 21L)).isEqualTo(42);
			assertThat(call(registry, "app.answer", null)).isEqualTo("42");
			Mono<Object> emitted = context.getBean(RunnerEventEmitter.class)
				.emit(registry.event("app.seen"), "x", CONTEXT);
			assertThat(emitted.block()).isEqualTo("x");
			assertThat(context.getBean(FunctionalHandlers.class).seen).containsExactly("x");
		});
	}

	@Test
	void adaptsEveryReturnType() {
		this.contextRunner.withUserConfiguration(ReturnTypes.class).run((context) -> {
			RunnerRegistry registry = context.getBean(RunnerRegistry.class);
			assertThat(call(registry, "r.void", null)).isSameAs(JsUndefined.INSTANCE);
			assertThat(call(registry, "r.null", null)).isNull();
			assertThat(call(registry, "r.optional.empty", null)).isSameAs(JsUndefined.INSTANCE);
			assertThat(call(registry, "r.optional", null)).isEqualTo("present");
			assertThat(call(registry, "r.mono", null)).isEqualTo("mono");
			assertThat(call(registry, "r.mono.empty", null)).isSameAs(JsUndefined.INSTANCE);
			assertThat(call(registry, "r.mono.void", null)).isSameAs(JsUndefined.INSTANCE);
			assertThat(call(registry, "r.flux", null)).isEqualTo(List.of(1, 2, 3));
			assertThat(call(registry, "r.future", null)).isEqualTo("future");
			assertThat(call(registry, "r.object.mono", null)).isEqualTo("late");
		});
	}

	@Test
	void runsBlockingHandlersOffTheCallingThreadAndReactiveOnesOnIt() {
		this.contextRunner.withUserConfiguration(ReturnTypes.class).run((context) -> {
			RunnerRegistry registry = context.getBean(RunnerRegistry.class);
			String caller = Thread.currentThread().getName();
			assertThat(registry.task("r.thread").invoker().isReactive()).isFalse();
			assertThat((String) call(registry, "r.thread", null)).isNotEqualTo(caller).startsWith("boundedElastic");
			assertThat(registry.task("r.thread.reactive").invoker().isReactive()).isTrue();
			assertThat(call(registry, "r.thread.reactive", null)).isEqualTo(caller);
		});
	}

	@Test
	void passesErrorsAsSignalsAndRefusesAbsentPrimitives() {
		this.contextRunner.withUserConfiguration(ReturnTypes.class).run((context) -> {
			RunnerRegistry registry = context.getBean(RunnerRegistry.class);
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> call(registry, "r.throws", null))
				.withMessage("boom");
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> call(registry, "r.primitive", null))
				.satisfies((ex) -> assertThat(ex.violations())
					.containsExactly(new InvalidInputException.Violation("", "must not be absent")));
			assertThat(call(registry, "r.primitive", 4L)).isEqualTo(8);
			assertThat(call(registry, "r.optional.input", null)).isEqualTo("none");
		});
	}

	@Test
	void bindsRawBodyParameterAndStreamsBufferResults() {
		this.contextRunner.withUserConfiguration(StreamHandlers.class).run((context) -> {
			RunnerRegistry registry = context.getBean(RunnerRegistry.class);
			assertThat(call(registry, "s.count", "input")).isEqualTo("input:0");
			assertThat(registry.task("s.echo").invoker().isReactive()).isTrue();
			Object result = call(registry, "s.echo", null);
			assertThat(result).isInstanceOf(RunnerStreamResponse.class);
			RunnerStreamResponse stream = (RunnerStreamResponse) result;
			assertThat(stream.statusCode()).isEqualTo(200);
			assertThat(stream.contentType()).isEqualTo("application/octet-stream");
			assertThat(stream.body(DefaultDataBufferFactory.sharedInstance)
				.map((buffer) -> buffer.toString(StandardCharsets.UTF_8))
				.collectList()
				.block()).containsExactly("a", "b");
		});
	}

	@Test
	void refusesTwoRawBodyParameters() {
		this.contextRunner.withUserConfiguration(TwoBodies.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("TwoBodies#twice(Flux, Flux) has two request body parameters ('first' and "
						+ "'second'); the raw body can be read once: declare one Flux<DataBuffer>"));
	}

	@Test
	void runsListenersInOrderThenBeanOrderReplacingThePayload() {
		this.contextRunner.withUserConfiguration(OrderedListeners.class).run((context) -> {
			RunnerRegistry registry = context.getBean(RunnerRegistry.class);
			EventDescriptor event = registry.event("app.events.ordered");
			assertThat(event.listeners()).extracting((listener) -> listener.method().getName())
				.containsExactly("first", "second", "third");
			Object result = context.getBean(RunnerEventEmitter.class)
				.emit(event, new LinkedHashMap<>(Map.of("n", 1)), CONTEXT)
				.block();
			assertThat(result).isEqualTo(Map.of("n", 1, "first", true, "second", true));
			assertThat(context.getBean(OrderedListeners.class).calls).containsExactly("first", "second", "third");
		});
	}

	@Test
	void stopsTheChainAtTheFirstFailingListener() {
		this.contextRunner.withUserConfiguration(OrderedListeners.class).run((context) -> {
			RunnerRegistry registry = context.getBean(RunnerRegistry.class);
			Mono<Object> emission = context.getBean(RunnerEventEmitter.class)
				.emit(registry.event("app.events.failing"), null, CONTEXT);
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(emission::block).withMessage("stop");
			assertThat(context.getBean(OrderedListeners.class).calls).containsExactly("before");
		});
	}

	@Test
	void runsParallelBatchesConcurrentlyInOrder() {
		this.contextRunner.withUserConfiguration(ParallelListeners.class).run((context) -> {
			RunnerRegistry registry = context.getBean(RunnerRegistry.class);
			EventDescriptor event = registry.event("app.events.par");
			assertThat(event.parallel()).isTrue();
			Object result = context.getBean(RunnerEventEmitter.class)
				.emit(event, "p", CONTEXT)
				.block(java.time.Duration.ofSeconds(5));
			assertThat(result).isEqualTo("p");
			ParallelListeners listeners = context.getBean(ParallelListeners.class);
			assertThat(listeners.calls).endsWith("last");
			assertThat(listeners.maxConcurrent).hasValue(2);
		});
	}

	private static @Nullable Object call(RunnerRegistry registry, String id, @Nullable Object input) {
		return registry.task(id).invoker().invoke(input, CONTEXT).block();
	}

	interface Greeter {

		String greet(String name);

	}

	static class SimpleGreeter implements Greeter {

		@Override
		@RunnerTask("app.greet")
		public String greet(String name) {
			return "hello " + name;
		}

	}

	static class Counter {

		private final AtomicInteger count = new AtomicInteger();

		@RunnerTask("app.count")
		public int next() {
			return this.count.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProxiedHandlers {

		final AtomicInteger intercepted = new AtomicInteger();

		@Bean
		Greeter greeter() {
			return new SimpleGreeter();
		}

		@Bean
		Counter counter() {
			return new Counter();
		}

		@Bean
		MethodInterceptor countingInterceptor() {
			return (invocation) -> {
				this.intercepted.incrementAndGet();
				return invocation.proceed();
			};
		}

		@Bean
		static BeanNameAutoProxyCreator proxyCreator() {
			BeanNameAutoProxyCreator creator = new BeanNameAutoProxyCreator();
			creator.setBeanNames("greeter", "counter");
			creator.setInterceptorNames("countingInterceptor");
			creator.setCustomTargetSourceCreators((beanClass, beanName) -> null);
			return creator;
		}

		@Bean
		static BeanFactoryPostProcessor cglibForCounter() {
			return (beanFactory) -> beanFactory.getBeanDefinition("counter")
				.setAttribute(AutoProxyUtils.PRESERVE_TARGET_CLASS_ATTRIBUTE, true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FunctionalHandlers {

		final List<String> seen = new ArrayList<>();

		@Bean
		Doubler doubler() {
			return new Doubler();
		}

		@Bean
		Sum sum() {
			return new Sum();
		}

		@Bean
		Answer answer() {
			return new Answer();
		}

		@Bean
		Seen seenListener() {
			return new Seen(this.seen);
		}

	}

	@RunnerTask("app.double")
	static class Doubler implements Function<Integer, Integer> {

		@Override
		public Integer apply(Integer value) {
			return value * 2;
		}

	}

	@RunnerTask("app.sum")
	static class Sum implements Function<List<Integer>, Integer> {

		@Override
		public Integer apply(List<Integer> values) {
			return values.stream().mapToInt(Integer::intValue).sum();
		}

	}

	@RunnerTask("app.answer")
	static class Answer implements Supplier<String> {

		@Override
		public String get() {
			return "42";
		}

	}

	@RunnerEvent("app.seen")
	record Seen(List<String> seen) implements Consumer<String> {

		@Override
		public void accept(String value) {
			this.seen.add(value);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StreamHandlers {

		@RunnerTask("s.count")
		Mono<String> count(@Nullable String input, Flux<DataBuffer> body) {
			return body.count().map((count) -> input + ":" + count);
		}

		@RunnerTask("s.echo")
		Flux<DataBuffer> echo() {
			return Flux.just("a", "b")
				.map((text) -> DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoBodies {

		@RunnerTask("s.twice")
		void twice(Flux<DataBuffer> first, Flux<DataBuffer> second) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReturnTypes {

		@RunnerTask("r.void")
		void nothing() {
		}

		@RunnerTask("r.null")
		@Nullable String nullValue() {
			return null;
		}

		@RunnerTask("r.optional.empty")
		Optional<String> emptyOptional() {
			return Optional.empty();
		}

		@RunnerTask("r.optional")
		Optional<String> optional() {
			return Optional.of("present");
		}

		@RunnerTask("r.mono")
		Mono<String> mono() {
			return Mono.just("mono");
		}

		@RunnerTask("r.mono.empty")
		Mono<String> emptyMono() {
			return Mono.empty();
		}

		@RunnerTask("r.mono.void")
		Mono<Void> voidMono() {
			return Mono.empty();
		}

		@RunnerTask("r.flux")
		Flux<Integer> flux() {
			return Flux.just(1, 2, 3);
		}

		@RunnerTask("r.future")
		CompletionStage<String> future() {
			return CompletableFuture.completedFuture("future");
		}

		@RunnerTask("r.object.mono")
		Object objectMono() {
			return Mono.just("late");
		}

		@RunnerTask("r.thread")
		String thread() {
			return Thread.currentThread().getName();
		}

		@RunnerTask("r.thread.reactive")
		Mono<String> reactiveThread() {
			return Mono.fromSupplier(() -> Thread.currentThread().getName());
		}

		@RunnerTask("r.throws")
		String throwing() {
			throw new IllegalStateException("boom");
		}

		@RunnerTask("r.primitive")
		int twice(int value) {
			return value * 2;
		}

		@RunnerTask("r.optional.input")
		String optionalInput(Optional<String> value, RunnerContext context) {
			return value.orElse("none");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedListeners {

		final List<String> calls = new ArrayList<>();

		@RunnerEvent(value = "app.events.ordered", order = 10)
		void third(Map<String, Object> payload) {
			this.calls.add("third");
		}

		@RunnerEvent("app.events.ordered")
		@Order(2)
		Map<String, Object> second(Map<String, Object> payload) {
			this.calls.add("second");
			Map<String, Object> copy = new LinkedHashMap<>(payload);
			copy.put("second", true);
			return copy;
		}

		@RunnerEvent("app.events.ordered")
		@Order(1)
		Map<String, Object> first(Map<String, Object> payload) {
			this.calls.add("first");
			Map<String, Object> copy = new LinkedHashMap<>(payload);
			copy.put("first", true);
			return copy;
		}

		@RunnerEvent(value = "app.events.failing", order = 1)
		void before() {
			this.calls.add("before");
		}

		@RunnerEvent(value = "app.events.failing", order = 2)
		void failing() {
			throw new IllegalStateException("stop");
		}

		@RunnerEvent(value = "app.events.failing", order = 3)
		void after() {
			this.calls.add("after");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ParallelListeners {

		final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger maxConcurrent = new AtomicInteger();

		private final java.util.concurrent.CountDownLatch bothStarted = new java.util.concurrent.CountDownLatch(2);

		@RunnerEvent(value = "app.events.par", parallel = true)
		void one(String payload) throws InterruptedException {
			overlap("one");
		}

		@RunnerEvent(value = "app.events.par", parallel = true)
		void two(String payload) throws InterruptedException {
			overlap("two");
		}

		@RunnerEvent(value = "app.events.par", parallel = true, order = 1)
		void last(String payload) {
			this.calls.add("last");
		}

		private void overlap(String name) throws InterruptedException {
			this.maxConcurrent.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			this.bothStarted.countDown();
			this.bothStarted.await(2, java.util.concurrent.TimeUnit.SECONDS);
			this.calls.add(name);
			this.running.decrementAndGet();
		}

	}

}
