package io.eventpipeline.processor.config;

import io.eventpipeline.schemas.config.Variables;

/**
 * The per-task Bloom filter in front of the dedup store.
 *
 * <p>Off by default, because it did not earn the 1.15x that keeping it the default needs. Measured
 * 2026-11-27 (ProcessorBenchmark, 1M events, 10% duplicates, 6 partitions, order alternated per round,
 * round 1 left out as it pays JIT warm-up): Bloom-on against Bloom-off in the same round 1.07x and 1.21x with
 * one stream thread; with two (the default), over four runs, 1.07x to 1.26x, median 1.14x. It does save work,
 * 12-17% of the stream thread's CPU per event, mostly the dedup store's range fetch it skips for new ids
 * (a RocksDB iterator per fetch, 17% of that thread's CPU without the filter); the rest of the event costs
 * the same either way. Turn it on ({@code BLOOM_ENABLED=true}) when the dedup store outgrows memory or
 * duplicates are rarer than here; it never changes the output.
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
        Variables.require(expectedPerGeneration > 0, "BLOOM_EXPECTED_INSERTIONS", "must be > 0");
        Variables.require(falsePositiveRate > 0 && falsePositiveRate < 0.5, "BLOOM_FPP", "must be in (0, 0.5)");
        Variables.require(generations >= 1 && generations <= 64, "BLOOM_GENERATIONS", "must be in [1, 64]");
    }

    public static BloomSettings from(Variables v) {
        return new BloomSettings(v.bool("BLOOM_ENABLED", DEFAULTS.enabled()),
                v.integer("BLOOM_EXPECTED_INSERTIONS", DEFAULTS.expectedPerGeneration()),
                v.decimal("BLOOM_FPP", DEFAULTS.falsePositiveRate()),
                v.integer("BLOOM_GENERATIONS", DEFAULTS.generations()));
    }

    public BloomSettings withEnabled(boolean on) {
        return new BloomSettings(on, expectedPerGeneration, falsePositiveRate, generations);
    }
}
