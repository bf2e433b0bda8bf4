package dev.runner.spring;

import org.springframework.http.HttpHeaders;

/**
 * What a {@link RunnerAuthValidator} decides from (docs/tunnel-http.md §5).
 *
 * @param method the HTTP method, for example {@code POST}
 * @param url the raw request target, path and query, as received
 * @param path the path of the request, not decoded
 * @param headers the request headers (read-only), with {@code x-runner-request-id} already set to the final request
 * id
 * @since 0.1.0
 */
public record RunnerAuthRequest(String method, String url, String path, HttpHeaders headers) {

}
