package io.eventpipeline.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class GenerationalBloomFilterPropertyTest {

    private static final long RETENTION = 10_000;

    @Property(tries = 200)
    void shouldNeverCallAnIdNewWhileItIsInsideTheRetentionWindow(
            @ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = 4_000) Long> timeSteps,
            @ForAll @IntRange(min = 1, max = 8) int generations,
            @ForAll @IntRange(min = 1, max = 50) int expectedPerGeneration) {
        // tiny capacity on purpose: an overfull filter may err more, but only toward "maybe seen"
        GenerationalBloomFilter<DedupKey> filter = new GenerationalBloomFilter<>(RETENTION, generations,
                expectedPerGeneration, 0.01, DedupKey.FUNNEL);
        List<DedupKey> ids = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        long now = 0;

        for (long step : timeSteps) {
            now += step;
            filter.expire(now);
            DedupKey id = new DedupKey("p-" + (now % 3), UUID.randomUUID());
            filter.put(id, now);
            ids.add(id);
            times.add(now);

            for (int i = 0; i < ids.size(); i++) {
                if (times.get(i) >= now - RETENTION) {
                    assertThat(filter.mightContain(ids.get(i))).isTrue();
                }
            }
        }
    }

    @Property(tries = 50)
    void shouldForgetWholeGenerationsOnceOlderThanRetention(@ForAll @IntRange(min = 1, max = 8) int generations) {
        GenerationalBloomFilter<DedupKey> filter = new GenerationalBloomFilter<>(RETENTION, generations, 100, 0.01,
                DedupKey.FUNNEL);
        filter.put(new DedupKey("p", UUID.randomUUID()), 0);

        filter.expire(RETENTION * 2 + 1);

        assertThat(filter.generationCount()).isZero();
    }
}
