/**
 * Multipart task requests of the runner protocol (file uploads, docs/tunnel-http.md §3.3): streaming part parsing
 * with the protocol's limits, part classification and counting, the state of each file's content, manifest decoding
 * and file hydration into {@link dev.runner.spring.RunnerFile}s.
 */
@NullMarked
package dev.runner.spring.web.multipart;

import org.jspecify.annotations.NullMarked;
