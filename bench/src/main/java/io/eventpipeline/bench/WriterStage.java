package io.eventpipeline.bench;

import io.eventpipeline.servers.Infrastructure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * (d) The projection-writer next to its peer, the Debezium JDBC sink connector (upsert on the primary key, and
 * insert), and its physical limit, raw binary COPY of the same rows: same events, same table and indexes, same
 * batch size, same PostgreSQL. CPU per row of the process and of PostgreSQL.
 */
final class WriterStage {

    private WriterStage() {
    }

    static List<Measurement> run(Infrastructure servers, Path repo, Path work, int rows, Progress progress)
            throws Exception {
        WriterPeers.Setup setup = WriterPeers.prepare(servers, repo, work, rows);
        String writerDb = servers.freshDatabase("bench_w_writer");
        Drain.Result writer = WriterPeers.writer(setup, writerDb);
        progress.note(Drain.describe(writer));
        Drain.Result copy = WriterPeers.rawCopy(setup, writerDb);
        progress.note(Drain.describe(copy));
        Drain.Result upsert = null;
        Drain.Result insert = null;
        if (ConnectWorker.available(repo)) {
            upsert = WriterPeers.debezium(setup, "upsert", true);
            progress.note(Drain.describe(upsert));
            insert = WriterPeers.debezium(setup, "insert", true);
            progress.note(Drain.describe(insert));
        } else {
            progress.note("Debezium JDBC sink skipped: bench/debezium/target not built (needs Maven Central once)");
        }
        return measurements(rows, writer, copy, upsert, insert);
    }

    private static List<Measurement> measurements(int rows, Drain.Result writer, Drain.Result copy, Drain.Result upsert,
            Drain.Result insert) {
        String setup = "%,d rows, batches of %,d, monthly partitions with the design's indexes (GIN on event_data)"
                .formatted(rows, WriterPeers.BATCH);
        List<Measurement> out = new ArrayList<>();
        if (upsert != null) {
            out.add(rate("writer vs Debezium JDBC sink (upsert)", writer, upsert, "Debezium JDBC sink, upsert", 3.0,
                    setup + "; writer: events + aggregates + offsets + outbox per transaction"));
            out.add(rate("writer vs Debezium JDBC sink (insert)", writer, insert, "Debezium JDBC sink, insert", null,
                    "Debezium: Kafka Connect 4.3.1 standalone, tasks.max=1, dialect.postgres.unnest.insert.enabled"));
        } else {
            out.add(rate("writer (Debezium peer not run)", writer, null, null, null, setup));
        }
        out.add(rate("writer vs raw binary COPY (physical limit)", writer, copy, "raw binary COPY, same rows", null,
                "COPY of the writer's own rows back into the emptied table, one statement"));
        return out;
    }

    private static Measurement rate(String stage, Drain.Result run, Drain.Result base, String baseName, Double target,
            String note) {
        Measurement.Cpu cpu = new Measurement.Cpu(Measurement.Cpu.finite(run.cpuMicros()), null,
                Measurement.Cpu.finite(run.dbCpuMicros()), base == null ? null : Measurement.Cpu.finite(base.cpuMicros()));
        String baseCpu = base == null ? "" : "; baseline CPU/row: process %.1f us, PostgreSQL %.1f us"
                .formatted(base.cpuMicros(), base.dbCpuMicros());
        return new Measurement(stage, run.perSecond(), "rows/s", base == null ? null : base.perSecond(), baseName,
                target, true, null, note + baseCpu, cpu);
    }
}
