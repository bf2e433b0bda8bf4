package dev.runner.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees with the starter, actuator and the Prometheus registry and no code of their own: the runner
 * timers and counters on {@code /actuator/prometheus} after real calls, the {@code runner} endpoint and the
 * {@code runner} health component.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "runner.auth.tokens=obs-token", "management.endpoint.health.show-details=always" })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

	private static final String TASK_COUNT = "runner_task_seconds_count";

	private static final String EVENT_COUNT = "runner_event_seconds_count";

	@Autowired
	private WebTestClient client;

	@Test
	void scrapesRunnerTimersAndCountersAfterRealCalls() {
		Map<String, Double> before = scrape();
		call("task/notes.create", "{\"input\":{\"title\":\"One\"}}", "obs-token", 200);
		call("task/notes.create", "{\"input\":{\"title\":\"Two\"}}", "obs-token", 200);
		call("task/notes.get", "{\"input\":\"nope\"}", "obs-token", 404);
		call("task/notes.crash", "{}", "obs-token", 500);
		call("task/notes.create", "{\"input\":{\"title\":\" \"}}", "obs-token", 400);
		call("event/notes.events.created", "{\"payload\":{\"id\":\"n1\"}}", "obs-token", 200);
		call("task/notes.count", "{}", "wrong-token", 401);
		call("task/notes.purge", "{}", "obs-token", 403);
		Map<String, Double> after = scrape();

		assertIncreasedBy(before, after, TASK_COUNT + "{error=\"none\",error_code=\"none\",exception=\"none\","
				+ "outcome=\"SUCCESS\",runner_task_id=\"notes.create\",runner_transport=\"http\"}", 2);
		assertIncreasedBy(before, after, TASK_COUNT + "{error=\"NoteNotFoundException\",error_code=\"INTERNAL_ERROR\","
				+ "exception=\"NoteNotFoundException\",outcome=\"ERROR\",runner_task_id=\"notes.get\","
				+ "runner_transport=\"http\"}", 1);
		assertIncreasedBy(before, after, TASK_COUNT + "{error=\"IllegalStateException\",error_code=\"INTERNAL_ERROR\","
				+ "exception=\"IllegalStateException\",outcome=\"ERROR\",runner_task_id=\"notes.crash\","
				+ "runner_transport=\"http\"}", 1);
		assertIncreasedBy(before, after, TASK_COUNT + "{error=\"InvalidInputException\",error_code=\"INVALID_INPUT\","
				+ "exception=\"InvalidInputException\",outcome=\"ERROR\",runner_task_id=\"notes.create\","
				+ "runner_transport=\"http\"}", 1);
		assertIncreasedBy(before, after, EVENT_COUNT + "{error=\"none\",error_code=\"none\",exception=\"none\","
				+ "outcome=\"SUCCESS\",runner_event_id=\"notes.events.created\"}", 1);
		assertIncreasedBy(before, after, "runner_requests_refused_total{error_code=\"UNAUTHORIZED\"}", 1);
		assertIncreasedBy(before, after, "runner_auth_failures_total{error_code=\"UNAUTHORIZED\"}", 1);
		assertIncreasedBy(before, after, "runner_requests_refused_total{error_code=\"FORBIDDEN\"}", 1);
		assertThat(after.keySet()).anyMatch((series) -> series.startsWith("runner_task_seconds_sum{"))
			.anyMatch((series) -> series.startsWith("runner_task_seconds_max{"))
			.noneMatch((series) -> series.startsWith("runner_") && (series.contains("obs-token")
					|| series.contains("wrong-token") || series.contains("/__runner")));
	}

	@Test
	void dashboardQueriesOnlyMetricsTheAppExports() throws IOException {
		call("task/notes.count", "{}", "obs-token", 200);
		call("event/notes.events.created", "{\"payload\":{\"id\":\"n2\"}}", "obs-token", 200);
		call("task/notes.count", "{}", "wrong-token", 401);
		Set<String> families = scrape().keySet()
			.stream()
			.map((series) -> series.contains("{") ? series.substring(0, series.indexOf('{')) : series)
			.collect(Collectors.toSet());
		String dashboard = Files.readString(Path.of("..", "grafana", "runner-dashboard.json"));
		Set<String> queried = Pattern.compile("\\b(runner_[a-z_]+)\\b(?=[{\\[)\\s])")
			.matcher(dashboard)
			.results()
			.map((match) -> match.group(1))
			.filter((name) -> !name.equals("runner_task_id") && !name.equals("runner_event_id"))
			.collect(Collectors.toSet());
		assertThat(queried).contains("runner_task_seconds_count", "runner_event_seconds_count",
				"runner_requests_refused_total", "runner_auth_failures_total", "runner_task_seconds_bucket");
		// the long task timer is a gauge histogram when percentile histograms are on; the panel queries both forms
		assertThat(queried).contains("runner_task_active_seconds_active_count", "runner_task_active_seconds_gcount");
		queried.remove(families.contains("runner_task_active_seconds_gcount")
				? "runner_task_active_seconds_active_count" : "runner_task_active_seconds_gcount");
		assertThat(families).containsAll(queried);
	}

	@Test
	void logsFailedCallOnceWithItsRequestId(CapturedOutput output) {
		this.client.post()
			.uri("/__runner/task/notes.crash")
			.header("x-runner-token", "obs-token")
			.header("x-runner-request-id", "rid-sample-crash")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectBody(String.class)
			.returnResult();
		String failures = output.getOut()
			.lines()
			.filter((line) -> line.contains("rid-sample-crash") && line.contains("ERROR"))
			.collect(Collectors.joining("\n"));
		assertThat(failures).startsWith("20")
			.contains("ERROR [rid-sample-crash]")
			.contains("Runner task failed: runner.task.id=notes.crash runner.request.id=rid-sample-crash "
					+ "error.code=INTERNAL_ERROR exception=java.lang.IllegalStateException")
			.doesNotContain("obs-token")
			.doesNotContain("\n");
	}

	@Test
	void listsTasksAndEventsWithLiveCounts() {
		call("task/notes.count", "{}", "obs-token", 200);
		this.client.get()
			.uri("/actuator/runner")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.basePath").isEqualTo("/__runner")
			.jsonPath("$.tasks[?(@.id == 'notes.count')].bean").isEqualTo("noteTasks")
			.jsonPath("$.tasks[?(@.id == 'notes.count')].exposed").isEqualTo(true)
			.jsonPath("$.tasks[?(@.id == 'notes.count')].calls.total")
			.value((List<Number> totals) -> assertThat(totals).singleElement()
				.satisfies((total) -> assertThat(total.longValue()).isPositive()))
			.jsonPath("$.tasks[?(@.id == 'notes.count')].calls.active").isEqualTo(0)
			.jsonPath("$.tasks[?(@.id == 'notes.create')].inputType").isEqualTo("dev.runner.sample.NewNote")
			.jsonPath("$.tasks[?(@.id == 'notes.purge')].exposed").isEqualTo(false)
			.jsonPath("$.events[0].id").isEqualTo("notes.events.created")
			.jsonPath("$.events[0].parallel").isEqualTo(false)
			.jsonPath("$.events[0].listeners.length()").isEqualTo(2);
	}

	@Test
	void reportsRunnerHealth() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.runner.status").isEqualTo("UP")
			.jsonPath("$.components.runner.details.auth").isEqualTo("configured")
			.jsonPath("$.components.runner.details.basePath").isEqualTo("/__runner");
	}

	/** Calls the tunnel, checks the status and reads the whole body (so that no response buffer is left behind). */
	private void call(String path, String json, String token, int status) {
		this.client.post()
			.uri("/__runner/" + path)
			.header("x-runner-token", token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(String.class)
			.returnResult();
	}

	/** The samples of the Prometheus scrape, by series ({@code name{labels}}). */
	private Map<String, Double> scrape() {
		String text = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(text).isNotNull();
		Map<String, Double> samples = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			int space = line.lastIndexOf(' ');
			samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
		}
		return samples;
	}

	private static void assertIncreasedBy(Map<String, Double> before, Map<String, Double> after, String series,
			double increase) {
		assertThat(after).as("scrape after the calls").containsKey(series);
		assertThat(after.get(series) - before.getOrDefault(series, 0.0)).as(series).isEqualTo(increase);
	}

}
