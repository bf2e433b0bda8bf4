/**
 * Multipart task requests of the runner protocol (file uploads): streaming part parsing with the protocol's limits,
 * manifest decoding, file hydration into {@link dev.runner.spring.RunnerFile}s.
 */
@NullMarked
package dev.runner.spring.web.multipart;

import org.jspecify.annotations.NullMarked;
