package io.eventpipeline.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * (c3) The Bloom filter where it should matter: the processor with Bloom on and off over millions of distinct ids
 * (10% duplicates), so the dedup store no longer fits RocksDB's block cache (bounded to 64 MiB per instance). The
 * filter is sized for the ids (BLOOM_EXPECTED_INSERTIONS per task and generation) as an operator would size it.
 */
final class BloomStage {

    private BloomStage() {
    }

    static List<Measurement> run(String bootstrap, Path repo, Path work, int events, Progress progress) throws Exception {
        ProcessorPeers.Input input = ProcessorPeers.prepare(bootstrap, repo, work, events, 0.10, 0);
        Map<String, String> sized = Map.of("BLOOM_EXPECTED_INSERTIONS",
                String.valueOf(Math.max(200_000, events / ProcessorPeers.PARTITIONS)));
        ProcessorPeers.Run off = ProcessorPeers.run(input, "processor", 2, 1, sized);
        progress.note("Bloom off: " + ProcessorPeers.describe(off));
        ProcessorPeers.Run on = ProcessorPeers.run(input, "processor-bloom", 2, 1, sized);
        progress.note("Bloom on: " + ProcessorPeers.describe(on));
        Measurement.Cpu cpu = new Measurement.Cpu(Measurement.Cpu.finite(on.drain().cpuMicros()),
                Measurement.Cpu.finite(on.streamThreadMicros()), null, Measurement.Cpu.finite(off.drain().cpuMicros()));
        return List.of(new Measurement("processor Bloom on, %,d retained ids".formatted(events), on.drain().perSecond(),
                "events/s", off.drain().perSecond(), "Bloom off, same ids", null, true, null,
                "stream threads: on %.1f us, off %.1f us per event".formatted(on.streamThreadMicros(),
                        off.streamThreadMicros()), cpu));
    }
}
