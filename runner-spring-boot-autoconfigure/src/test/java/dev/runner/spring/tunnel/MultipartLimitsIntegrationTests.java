package dev.runner.spring.tunnel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static dev.runner.spring.tunnel.Multipart.sentinel;
import static dev.runner.spring.tunnel.MultipartIntegrationTests.INSPECT;
import static dev.runner.spring.tunnel.MultipartIntegrationTests.post;
import static dev.runner.spring.testsupport.TunnelServer.assertEnvelope;
import static dev.runner.spring.testsupport.TunnelServer.error;
import static dev.runner.spring.testsupport.TunnelServer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multipart limits (docs/tunnel-http.md §8, §18 cases 65 and 66) with their exact boundaries: sizes are refused when
 * reached, counts when exceeded; {@code runner.limits.multipart.max-parts} counts like the other counts.
 */
class MultipartLimitsIntegrationTests {

	private static final int MIB = 1024 * 1024;

	@RegisterExtension
	static final TunnelServer defaults = TunnelServer.of(ProfileFiles.class, ProfileP.TOKENS)
		.silencingExpectedFailures();

	@RegisterExtension
	static final TunnelServer small = TunnelServer.of(ProfileFiles.class, ProfileP.TOKENS,
			"runner.limits.multipart.max-file-size=5B", "runner.limits.multipart.max-field-size=100B",
			"runner.limits.multipart.max-files=2", "runner.limits.multipart.max-fields=3").silencingExpectedFailures();

	@RegisterExtension
	static final TunnelServer parts = TunnelServer.of(ProfileFiles.class, ProfileP.TOKENS,
			"runner.limits.multipart.max-parts=2").silencingExpectedFailures();

	private static String tooLarge(String what) {
		return error(what + " limit exceeded", "PAYLOAD_TOO_LARGE");
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, (byte) 'b');
		return bytes;
	}

	private static String oneFile() {
		return "{\"input\":" + sentinel("F1", "{\"name\":\"f\"}") + "}";
	}

	@Test // case 65
	void refusesFileOfTwentyOneMebibytesByDefault() {
		byte[] body = new Multipart().manifest(oneFile())
			.file("file:F1", "f", "application/octet-stream", bytes(21 * MIB))
			.build();
		assertEnvelope(post(defaults, INSPECT, body), 413, tooLarge("File size"));
	}

	@Test // case 65 and §8: a file of exactly the limit is refused, one byte less is accepted
	void refusesFileOfExactlyTheDefaultLimit() {
		byte[] exact = new Multipart().manifest(oneFile())
			.file("file:F1", "f", "application/octet-stream", bytes(20 * MIB))
			.build();
		assertEnvelope(post(defaults, INSPECT, exact), 413, tooLarge("File size"));
		byte[] below = new Multipart().manifest(oneFile())
			.file("file:F1", "f", "application/octet-stream", bytes(20 * MIB - 1))
			.build();
		assertThat(post(defaults, INSPECT, below).status()).isEqualTo(200);
	}

	@Test // case 65
	void refusesElevenFilePartsByDefault() {
		Multipart ten = new Multipart().manifest("{\"input\":null}");
		for (int i = 0; i < 10; i++) {
			ten.file("extra" + i, "f" + i, "text/plain", "x");
		}
		assertEnvelope(post(defaults, INSPECT, ten.build()), 200, ok("[]"));
		Multipart eleven = new Multipart().manifest("{\"input\":null}");
		for (int i = 0; i < 11; i++) {
			eleven.file("extra" + i, "f" + i, "text/plain", "x");
		}
		assertEnvelope(post(defaults, INSPECT, eleven.build()), 413, tooLarge("Files"));
	}

	@Test // §8: an 11th distinct file id in the manifest
	void refusesManifestReferringToElevenFiles() {
		StringBuilder files = new StringBuilder("[");
		for (int i = 0; i < 11; i++) {
			files.append((i > 0) ? "," : "").append(sentinel("F" + i, null));
		}
		byte[] body = new Multipart().manifest("{\"input\":" + files + "]}").build();
		assertEnvelope(post(defaults, INSPECT, body), 413, tooLarge("Files"));
		assertThat(defaults.bean(ProfileP.Recorder.class).seen("app.tasks.inspect")).isEmpty();
	}

	@Test // case 65
	void refusesManifestOfOneMebibyteByDefault() {
		String padding = "x".repeat((int) (1.1 * MIB));
		byte[] body = new Multipart().manifest("{\"input\":\"" + padding + "\"}").build();
		assertEnvelope(post(defaults, INSPECT, body), 413, tooLarge("Field"));
		String exact = "{\"input\":\"" + "x".repeat(MIB - 12) + "\"}";
		assertThat(exact.length()).isEqualTo(MIB);
		assertEnvelope(post(defaults, INSPECT, new Multipart().manifest(exact).build()), 413, tooLarge("Field"));
		String below = exact.substring(0, 10) + exact.substring(11);
		assertThat(post(defaults, INSPECT, new Multipart().manifest(below).build()).status()).isEqualTo(200);
	}

	@Test // case 65
	void refusesMoreThanHundredFieldsByDefault() {
		Multipart hundred = new Multipart().manifest("{\"input\":1}");
		for (int i = 0; i < 99; i++) {
			hundred.field("f" + i, "v");
		}
		assertEnvelope(post(defaults, INSPECT, hundred.build()), 200, ok("[]"));
		Multipart hundredAndOne = new Multipart().manifest("{\"input\":1}");
		for (int i = 0; i < 100; i++) {
			hundredAndOne.field("f" + i, "v");
		}
		assertEnvelope(post(defaults, INSPECT, hundredAndOne.build()), 413, tooLarge("Fields"));
	}

	@Test // case 66: max-file-size=5B
	void refusesFileOfExactlyConfiguredSize() {
		byte[] four = new Multipart().manifest(oneFile()).file("file:F1", "f", "text/plain", "1234").build();
		assertEnvelope(post(small, INSPECT, four), 200,
				ok("[{\"name\":\"f\",\"type\":\"text/plain\",\"extra\":{},\"text\":\"1234\"}]"));
		byte[] five = new Multipart().manifest(oneFile()).file("file:F1", "f", "text/plain", "12345").build();
		assertEnvelope(post(small, INSPECT, five), 413, tooLarge("File size"));
	}

	@Test // the file size limit applies to unreferenced file parts too, before the manifest as after
	void refusesLargeUnreferencedFiles() {
		byte[] before = new Multipart().file("other", "f", "text/plain", "12345").manifest(oneFile()).build();
		assertEnvelope(post(small, INSPECT, before), 413, tooLarge("File size"));
		byte[] after = new Multipart().manifest("{\"input\":1}").file("file:F7", "f", "text/plain", "12345").build();
		assertEnvelope(post(small, INSPECT, after), 413, tooLarge("File size"));
	}

	@Test
	void appliesConfiguredCountsAndFieldSize() {
		byte[] fields = new Multipart().manifest("{\"input\":1}").field("a", "1").field("b", "2").field("c", "3")
			.build();
		assertEnvelope(post(small, INSPECT, fields), 413, tooLarge("Fields"));
		byte[] files = new Multipart().manifest("{\"input\":1}")
			.file("a", "a", "text/plain", "1")
			.file("b", "b", "text/plain", "2")
			.file("c", "c", "text/plain", "3")
			.build();
		assertEnvelope(post(small, INSPECT, files), 413, tooLarge("Files"));
		byte[] longField = new Multipart().manifest("{\"input\":1}").field("a", "x".repeat(100)).build();
		assertEnvelope(post(small, INSPECT, longField), 413, tooLarge("Field"));
		byte[] typedField = new Multipart().manifest("{\"input\":1}")
			.part("form-data; name=\"a\"", "application/json", "x".repeat(100).getBytes(StandardCharsets.UTF_8))
			.build();
		assertEnvelope(post(small, INSPECT, typedField), 413, tooLarge("Field"));
		byte[] fits = new Multipart().manifest("{\"input\":1}").field("a", "x".repeat(99)).build();
		assertEnvelope(post(small, INSPECT, fits), 200, ok("[]"));
	}

	@Test // case 66, as max-parts=2 (Node's parts: 3): two parts pass, three are refused
	void refusesPartsOverConfiguredCount() {
		byte[] two = new Multipart().manifest(oneFile()).file("file:F1", "f", "text/plain", "x").build();
		assertEnvelope(post(parts, INSPECT, two), 200,
				ok("[{\"name\":\"f\",\"type\":\"text/plain\",\"extra\":{},\"text\":\"x\"}]"));
		byte[] three = new Multipart().manifest(oneFile()).file("file:F1", "f", "text/plain", "x").field("a", "b")
			.build();
		assertEnvelope(post(parts, INSPECT, three), 413, tooLarge("Parts"));
	}

	@Test // case 66 differs on purpose: setting max-parts keeps the other limits' defaults
	void keepsOtherDefaultsWhenPartsAreLimited() {
		byte[] body = new Multipart().manifest(oneFile())
			.file("file:F1", "f", "application/octet-stream", bytes(21 * MIB))
			.build();
		assertEnvelope(post(parts, INSPECT, body), 413, tooLarge("File size"));
	}

}
