package io.eventpipeline.processor.config;

/**
 * The per-task Bloom filter in front of the dedup store.
 *
 * @param enabled                  {@code BLOOM_ENABLED}
 * @param expectedPerGeneration    {@code BLOOM_EXPECTED_INSERTIONS}: ids one generation of one task is sized for
 * @param falsePositiveRate        {@code BLOOM_FPP}: the configured false-positive probability
 * @param generations              {@code BLOOM_GENERATIONS}: how many time slices the retention window is cut into;
 *                                 the oldest slice is dropped as a whole once the store has forgotten it
 */
public record BloomSettings(boolean enabled, int expectedPerGeneration, double falsePositiveRate, int generations) {

    public static final BloomSettings DEFAULTS = new BloomSettings(true, 200_000, 0.01, 4);

    public BloomSettings {
        ProcessorConfig.require(expectedPerGeneration > 0, "BLOOM_EXPECTED_INSERTIONS must be > 0");
        ProcessorConfig.require(falsePositiveRate > 0 && falsePositiveRate < 0.5, "BLOOM_FPP must be in (0, 0.5)");
        ProcessorConfig.require(generations >= 1 && generations <= 64, "BLOOM_GENERATIONS must be in [1, 64]");
    }

    public BloomSettings withEnabled(boolean on) {
        return new BloomSettings(on, expectedPerGeneration, falsePositiveRate, generations);
    }
}
