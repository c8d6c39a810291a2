package io.eventpipeline.processor.config;

/**
 * The per-task Bloom filter in front of the dedup store.
 *
 * <p>Off by default, because measured it did not pay here: over 1M events with 10% duplicates on
 * 6 partitions (ProcessorBenchmark, four runs, order alternated per round), Bloom-on against Bloom-off in
 * the same round ran at 0.84-1.93x, median 1.03x, leaving out each run's first round where the first
 * processor variant also pays JIT warm-up; keeping it as the default needed >= 1.15x. RocksDB's own
 * memtable, block cache and bloom filters already make a miss cheap while the store is this small, and
 * the stream thread spends its time on JSON and on producing three records per event, not on reads. Turn it on
 * ({@code BLOOM_ENABLED=true}) when the dedup store outgrows memory; it never changes the output.
 *
 * @param enabled                  {@code BLOOM_ENABLED}
 * @param expectedPerGeneration    {@code BLOOM_EXPECTED_INSERTIONS}: ids one generation of one task is sized for
 * @param falsePositiveRate        {@code BLOOM_FPP}: the configured false-positive probability
 * @param generations              {@code BLOOM_GENERATIONS}: how many time slices the retention window is cut into;
 *                                 the oldest slice is dropped as a whole once the store has forgotten it
 */
public record BloomSettings(boolean enabled, int expectedPerGeneration, double falsePositiveRate, int generations) {

    public static final BloomSettings DEFAULTS = new BloomSettings(false, 200_000, 0.01, 4);

    public BloomSettings {
        ProcessorConfig.require(expectedPerGeneration > 0, "BLOOM_EXPECTED_INSERTIONS must be > 0");
        ProcessorConfig.require(falsePositiveRate > 0 && falsePositiveRate < 0.5, "BLOOM_FPP must be in (0, 0.5)");
        ProcessorConfig.require(generations >= 1 && generations <= 64, "BLOOM_GENERATIONS must be in [1, 64]");
    }

    public BloomSettings withEnabled(boolean on) {
        return new BloomSettings(on, expectedPerGeneration, falsePositiveRate, generations);
    }
}
