package io.eventpipeline.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix's reduced scenario, in the normal suite so a regression is caught: the services and
 * servers as separate processes under light retrying load, the stream-processor killed mid-stream and the
 * projection-writer killed mid-transaction; then the invariants are checked from Kafka and PostgreSQL.
 * The whole matrix is {@code ./faults}.
 */
class FaultMatrixIT {

    @Test
    void shouldStoreEveryAcceptedEventExactlyOnceWhenTheProcessorAndTheWriterAreKilledUnderLoad() throws Exception {
        FaultOptions options = FaultOptions.defaults().withFaults(List.of("processor", "writer-tx"))
                .withLoad(25, 12, Duration.ofSeconds(3));
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path work = Files.createDirectories(Path.of("target", "faults-it-" + System.currentTimeMillis()).toAbsolutePath());

        FaultMatrix.Run run = new FaultMatrix(options, System.out::println).run(repo, work);

        System.out.println(FaultReport.markdown(run.phases(), "reduced scenario"));
        assertThat(run.phases()).containsKeys(FaultMatrix.BASELINE, "stream-processor kill -9 mid-stream",
                "projection-writer kill -9 mid-transaction");
        assertThat(run.phases().values()).allSatisfy(phase -> {
            assertThat(phase.violations).as(phase.phase).isEmpty();
            assertThat(phase.accepted).as(phase.phase + ": events accepted").isPositive();
            assertThat(phase.stored + phase.rejected).as(phase.phase + ": stored or rejected").isEqualTo(phase.accepted);
            assertThat(phase.recoveryMillis).as(phase.phase + ": recovered").isNotNull();
            assertThat(phase.holds()).as(phase.phase).isTrue();
        });
        assertThat(run.phases().get("projection-writer kill -9 mid-transaction").evidence).startsWith("transaction open for");
    }
}
