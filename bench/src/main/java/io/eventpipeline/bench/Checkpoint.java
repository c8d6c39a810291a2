package io.eventpipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The report so far, written again after every stage, so a run stopped part-way still leaves its results. */
record Checkpoint(Path out, List<Measurement> results, List<Curve> curves, Map<String, String> context) {

    void save() {
        try {
            Report.write(out, results, curves, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
