package dev.runner.sample;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.log.LogMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the scripts of {@code src/test/node} ({@code interop.mjs}, {@code files.mjs}, {@code socket.mjs}), which call the
 * running app with the official {@code @bluelibs/runner} clients and this repository's socket client, and requires
 * them to pass. The build installs the Node modules ({@code npm ci}); {@code -Dskip.npm=true} skips both.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "runner.auth.tokens=" + NodeClientInteropIntegrationTests.TOKEN)
@DisabledIfSystemProperty(named = "skip.npm", matches = "true", disabledReason = "built with -Dskip.npm=true")
class NodeClientInteropIntegrationTests {

	static final String TOKEN = "interop-token";

	private static final double MIB = 1024 * 1024;

	private static final int MAX_HEAP_GROWTH_MIB = 16;

	private static final int MAX_DIRECT_MIB = 32;

	private static final Log logger = LogFactory.getLog(NodeClientInteropIntegrationTests.class);

	@LocalServerPort
	private int port;

	@Test
	void officialNodeClientsPassTheInteropChecks() throws Exception {
		run("interop.mjs", (line) -> {
		});
	}

	/**
	 * Runs {@code socket.mjs}: this repository's JavaScript socket client (clients/js) with the official serializer,
	 * over the app's socket: tasks, errors, channels, events to channels, direct messages and a reconnection.
	 */
	@Test
	void socketClientPassesTheSocketChecks() throws Exception {
		run("socket.mjs", (line) -> {
		});
	}

	/**
	 * Runs {@code contracts.mjs}: fetches the app's {@code types.d.ts} and compiles two consumers of the typed client
	 * (clients/js {@code typedClient} over the official clients and the socket client) with {@code tsc --noEmit}, the
	 * TypeScript compiler from npm: one that uses the tasks correctly must compile, one with wrong inputs must fail on
	 * each wrong line.
	 */
	@Test
	void typeDeclarationsCheckTheCallsOfATypedClient() throws Exception {
		run("contracts.mjs", (line) -> {
		});
	}

	/**
	 * Runs {@code browser.mjs}: the live board page in two headless Chromium pages (Debian's {@code chromium}, driven
	 * by {@code playwright-core}), each seeing what the other says and a note event emitted over HTTP.
	 * {@code -Dskip.browser=true} skips it on a machine without Chromium.
	 */
	@Test
	@DisabledIfSystemProperty(named = "skip.browser", matches = "true", disabledReason = "built with -Dskip.browser=true")
	void liveBoardWorksInTwoBrowserPages() throws Exception {
		String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
		assertThat(Path.of(chromium)).as("Chromium (apt-get install chromium, or -Dskip.browser=true)").exists();
		run("browser.mjs", (line) -> {
		});
	}

	/**
	 * Runs {@code files.mjs}: uploads, downloads, a duplex transform and an abort, with the official clients. While
	 * its 50 MB upload streams to disk, the script prints {@code heap-probe} lines; each one makes this test collect
	 * the garbage and read the heap, which must stay within {@value #MAX_HEAP_GROWTH_MIB} MiB of what it was before
	 * the script started, and Netty's direct memory in use, which must stay under {@value #MAX_DIRECT_MIB} MiB: the
	 * upload is not held in memory.
	 */
	@Test
	void officialNodeClientsStreamFiles() throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long baseline = liveHeap(memory);
		List<double[]> probes = Collections.synchronizedList(new ArrayList<>());
		run("files.mjs", (line) -> {
			if (line.startsWith("heap-probe")) {
				double heapGrowth = (liveHeap(memory) - baseline) / MIB;
				double direct = nettyDirectMemory() / MIB;
				probes.add(new double[] { heapGrowth, direct });
				logger.info(LogMessage.format("At %s: heap after GC %+.1f MiB over the baseline, Netty direct memory "
						+ "in use %.1f MiB", line, heapGrowth, direct));
			}
		});
		assertThat(probes).as("probes of the 50 MB upload").hasSizeGreaterThanOrEqualTo(4);
		assertThat(probes).allSatisfy((probe) -> {
			assertThat(probe[0]).as("heap growth in MiB").isLessThan(MAX_HEAP_GROWTH_MIB);
			assertThat(probe[1]).as("Netty direct memory in MiB").isLessThan(MAX_DIRECT_MIB);
		});
	}

	private static long nettyDirectMemory() {
		return (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider)
				? provider.metric().usedDirectMemory() : -1;
	}

	private static long liveHeap(MemoryMXBean memory) {
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

	private void run(String script, Consumer<String> onLine) throws Exception {
		NodeScripts.run(this.port, TOKEN, script, onLine);
	}

}
