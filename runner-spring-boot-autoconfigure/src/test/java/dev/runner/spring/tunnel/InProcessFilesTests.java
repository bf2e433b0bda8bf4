package dev.runner.spring.tunnel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

import dev.runner.spring.Runner;
import dev.runner.spring.RunnerFile;
import dev.runner.spring.testsupport.ProfileP;
import dev.runner.spring.testsupport.TunnelServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Files passed in process: {@link RunnerFile#of} files given to the {@link Runner} reach the same tasks that tunnel
 * uploads do.
 */
class InProcessFilesTests {

	@RegisterExtension
	static final TunnelServer server = TunnelServer.of(ProfileFiles.class, ProfileP.TOKENS);

	private static Map<?, ?> upload(RunnerFile file) {
		Object result = server.bean(Runner.class)
			.runTask("app.tasks.upload", Map.of("file", file))
			.block(Duration.ofSeconds(10));
		assertThat(result).isInstanceOf(Map.class);
		return (Map<?, ?>) result;
	}

	@Test
	void fileMadeFromAPublisherIsReadByTheTask() {
		RunnerFile file = RunnerFile.of("notes.txt", "text/plain",
				Flux.just(ProfileFiles.buffer("in "), ProfileFiles.buffer("process")));
		Map<?, ?> seen = upload(file);
		assertThat(seen.get("name")).isEqualTo("notes.txt");
		assertThat(seen.get("type")).isEqualTo("text/plain");
		assertThat(seen.get("text")).isEqualTo("in process");
		assertThat(seen.containsKey("size") || seen.containsKey("lastModified")).isFalse();
	}

	@Test
	void fileMadeFromAPathHasItsNameGuessedTypeSizeAndTime(@TempDir Path directory) throws Exception {
		Path path = directory.resolve("report.csv");
		Files.writeString(path, "a,b\n1,2\n");
		Instant modified = Instant.parse("2026-01-02T03:04:05Z");
		Files.setLastModifiedTime(path, FileTime.from(modified));
		Map<?, ?> seen = upload(RunnerFile.of(new FileSystemResource(path)));
		assertThat(seen.get("name")).isEqualTo("report.csv");
		assertThat(seen.get("type")).isEqualTo("text/csv");
		assertThat(seen.get("size")).isEqualTo(8L);
		assertThat(seen.get("lastModified")).isEqualTo(modified.toEpochMilli());
		assertThat(seen.get("text")).isEqualTo("a,b\n1,2\n");
	}

	@Test
	void fileMadeFromBytesWithoutANameIsAnOctetStreamUpload() {
		Map<?, ?> seen = upload(RunnerFile.of(new ByteArrayResource("raw".getBytes(StandardCharsets.UTF_8))));
		assertThat(seen.get("name")).isEqualTo("upload");
		assertThat(seen.get("type")).isEqualTo("application/octet-stream");
		assertThat(seen.get("text")).isEqualTo("raw");
	}

	@Test
	void contentIsReadOnce(@TempDir Path directory) throws Exception {
		RunnerFile file = RunnerFile.of("once.txt", "text/plain", Flux.just(ProfileFiles.buffer("once")));
		Path copy = directory.resolve("copy.txt");
		file.transferTo(copy).block(Duration.ofSeconds(10));
		assertThat(Files.readString(copy)).isEqualTo("once");
		assertThatIllegalStateException().isThrownBy(() -> file.bytes().block(Duration.ofSeconds(10)))
			.withMessageContaining("once.txt");
	}

}
