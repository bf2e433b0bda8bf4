package dev.runner.clienttest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import dev.runner.sample.PriceCodec;

/**
 * The starter-side peer of the Java client's test suite: {@link ClientFixtureTasks}, the same tasks and events as the
 * Node fixture {@code src/test/node/client-fixture.cjs}, with the sample's custom type {@code Price}.
 */
@SpringBootApplication
@Import(PriceCodec.class)
public class ClientFixtureApplication {

}
