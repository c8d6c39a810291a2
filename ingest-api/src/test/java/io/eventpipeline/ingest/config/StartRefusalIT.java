package io.eventpipeline.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.eventpipeline.ingest.IngestApp;
import io.eventpipeline.schemas.config.InvalidVariableException;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad setting stops the service at start, and the failure names the variable (docs/decisions.md D6). */
class StartRefusalIT {

    @ParameterizedTest
    @CsvSource({"IDEMPOTENCY_TTL, soon", "MAX_BATCH_EVENTS, 0", "REDIS_URL, localhost:6379", "TOPIC_PARTITIONS, many"})
    void shouldRefuseToStartNamingTheVariableWhenAValueIsInvalid(String variable, String value) {
        Throwable failure = catchThrowable(() -> IngestApp.start("refusal", Map.of(variable, value)).close());

        assertThat(failure).isNotNull();
        assertThat(invalidVariable(failure)).isNotNull()
                .extracting(Throwable::getMessage, InstanceOfAssertFactories.STRING).startsWith(variable + " ");
    }

    /** The start fails inside Spring's bean creation: the reason is somewhere down the cause chain. */
    private static InvalidVariableException invalidVariable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidVariableException invalid) {
                return invalid;
            }
        }
        return null;
    }
}
