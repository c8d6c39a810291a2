package io.eventpipeline.read.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.read.support.ReadFixture;
import io.eventpipeline.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cache's own guarantees against a real Redis: single flight, promotion, eviction, overtaken loads. */
class TieredCacheIT {

    record Value(String text) {
    }

    private static final CacheView<Value> VIEW = new CacheView<>("test", Value.class);

    private final String prefix = "tiered-it-" + UUID.randomUUID() + ":";
    private final ExecutorService loaders = Executors.newVirtualThreadPerTaskExecutor();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private RedisCommands<String, String> redis;

    @BeforeEach
    void connect() {
        RedisClient client = RedisClient.create(TestServers.shared().redisUrl());
        StatefulRedisConnection<String, String> connection = client.connect();
        closing.add(client::shutdown);
        closing.add(connection);
        redis = connection.sync();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        loaders.close();
    }

    @Test
    void shouldLoadOnceWhenManyCallersMissTheSameKeyConcurrently() throws Exception {
        TieredCache cache = newCache();
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Supplier<Optional<Value>> slowLoader = () -> {
            loads.incrementAndGet();
            await(release);
            return Optional.of(new Value("v1"));
        };

        List<CompletableFuture<Optional<Value>>> callers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            callers.add(cache.get("k:1", "f", VIEW, slowLoader));
        }
        release.countDown();

        for (CompletableFuture<Optional<Value>> caller : callers) {
            assertThat(caller.get(10, TimeUnit.SECONDS)).contains(new Value("v1"));
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void shouldFillL2OnLoadAndPromoteAnL2HitIntoAnotherInstancesL1() throws Exception {
        TieredCache first = newCache();
        TieredCache second = newCache();
        AtomicInteger loads = new AtomicInteger();
        Supplier<Optional<Value>> loader = () -> Optional.of(new Value("from-db-" + loads.incrementAndGet()));

        assertThat(first.get("k:2", "f", VIEW, loader).get(10, TimeUnit.SECONDS)).contains(new Value("from-db-1"));
        awaitTrue(() -> redis.hget(prefix + "k:2", "f") != null);
        Optional<Value> fromL2 = second.get("k:2", "f", VIEW, loader).get(10, TimeUnit.SECONDS);
        redis.del(prefix + "k:2");
        Optional<Value> fromL1 = second.get("k:2", "f", VIEW, loader).get(10, TimeUnit.SECONDS);

        assertThat(fromL2).contains(new Value("from-db-1"));
        assertThat(fromL1).contains(new Value("from-db-1"));
        assertThat(second.peekL1("k:2", "f")).contains(new Value("from-db-1"));
        assertThat(loads).as("the second instance never reached the loader").hasValue(1);
    }

    @Test
    void shouldEvictEveryFieldOfAKeyFromBothLayers() throws Exception {
        TieredCache cache = newCache();
        AtomicInteger loads = new AtomicInteger();
        Supplier<Optional<Value>> loader = () -> Optional.of(new Value("v" + loads.incrementAndGet()));
        cache.get("k:3", "a", VIEW, loader).get(10, TimeUnit.SECONDS);
        cache.get("k:3", "b", VIEW, loader).get(10, TimeUnit.SECONDS);
        cache.get("k:other", "a", VIEW, loader).get(10, TimeUnit.SECONDS);
        awaitTrue(() -> redis.hlen(prefix + "k:3") == 2 && redis.exists(prefix + "k:other") == 1);
        assertThat(redis.ttl(prefix + "k:3")).as("the L2 hash expires").isPositive();

        cache.evict(List.of("k:3")).get(10, TimeUnit.SECONDS);
        cache.evict(List.of("k:3")).get(10, TimeUnit.SECONDS);

        assertThat(cache.peekL1("k:3", "a")).isEmpty();
        assertThat(cache.peekL1("k:3", "b")).isEmpty();
        assertThat(redis.exists(prefix + "k:3")).isZero();
        assertThat(cache.peekL1("k:other", "a")).as("other keys untouched").isPresent();
        assertThat(redis.exists(prefix + "k:other")).isOne();
        assertThat(cache.get("k:3", "a", VIEW, loader).get(10, TimeUnit.SECONDS)).contains(new Value("v4"));
    }

    @Test
    void shouldNotKeepAValueLoadedAcrossAnEvictionOfItsKey() throws Exception {
        TieredCache cache = newCache();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<Value>> inFlight = cache.get("k:4", "f", VIEW, () -> {
            loading.countDown();
            await(release);
            return Optional.of(new Value("old"));
        });
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

        cache.evict(List.of("k:4")).get(10, TimeUnit.SECONDS);
        release.countDown();

        assertThat(inFlight.get(10, TimeUnit.SECONDS)).contains(new Value("old"));
        Optional<Value> next = cache.get("k:4", "f", VIEW, () -> Optional.of(new Value("new"))).get(10, TimeUnit.SECONDS);
        assertThat(next).contains(new Value("new"));
        awaitTrue(() -> redis.hget(prefix + "k:4", "f") != null);
        assertThat(redis.hget(prefix + "k:4", "f")).contains("new");
    }

    @Test
    void shouldServeTheNewValueAfterEveryEvictionWhenReadAndEvictedRepeatedly() throws Exception {
        TieredCache cache = newCache();

        for (int round = 0; round < 300; round++) {
            String key = "k:round:" + (round % 7);
            int expected = round;
            Optional<Value> read = cache.get(key, "f", VIEW, () -> Optional.of(new Value("v" + expected))).get(10, TimeUnit.SECONDS);
            cache.evict(List.of(key)).get(10, TimeUnit.SECONDS);

            assertThat(read).as("round %d", round).contains(new Value("v" + expected));
        }
    }

    @Test
    void shouldNeverServeTheOldValueAfterAnEvictionCompletedWhileReadersHammerTheKey() throws Exception {
        TieredCache cache = newCache();
        AtomicReference<String> database = new AtomicReference<>("v0");
        Supplier<Optional<Value>> loader = () -> Optional.of(new Value(database.get()));
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                while (running.get()) {
                    cache.get("k:hot", "f", VIEW, loader).join();
                }
            }));
        }
        List<String> stale = new ArrayList<>();

        try {
            for (int round = 1; round <= 200; round++) {
                database.set("v" + round);
                cache.evict(List.of("k:hot")).get(10, TimeUnit.SECONDS);
                Optional<Value> read = cache.get("k:hot", "f", VIEW, loader).get(10, TimeUnit.SECONDS);
                if (!read.equals(Optional.of(new Value("v" + round)))) {
                    stale.add("round " + round + " read " + read);
                }
            }
        } finally {
            running.set(false);
            for (Thread reader : readers) {
                reader.join(10_000);
            }
        }

        assertThat(stale).isEmpty();
    }

    @Test
    void shouldCacheAnAbsentRowInL1OnlyWhenTheLoaderFindsNothing() throws Exception {
        TieredCache cache = newCache();
        AtomicInteger loads = new AtomicInteger();
        Supplier<Optional<Value>> nothing = () -> {
            loads.incrementAndGet();
            return Optional.empty();
        };

        Optional<Value> first = cache.get("k:5", "f", VIEW, nothing).get(10, TimeUnit.SECONDS);
        Optional<Value> second = cache.get("k:5", "f", VIEW, nothing).get(10, TimeUnit.SECONDS);

        assertThat(first).isEmpty();
        assertThat(second).isEmpty();
        assertThat(loads).hasValue(1);
        assertThat(redis.exists(prefix + "k:5")).isZero();
    }

    private TieredCache newCache() {
        RedisL2 l2 = new RedisL2(TestServers.shared().redisUrl(), Duration.ofMillis(500), prefix, Duration.ofMinutes(5),
                new SimpleMeterRegistry());
        closing.add(l2);
        return new TieredCache(1000, Duration.ofMinutes(1), l2, loaders, new SimpleMeterRegistry());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        ReadFixture.await("condition", Duration.ofSeconds(10), condition);
    }
}
