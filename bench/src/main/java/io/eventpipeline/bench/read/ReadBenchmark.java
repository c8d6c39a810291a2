package io.eventpipeline.bench.read;

import io.eventpipeline.read.cache.CacheView;
import io.eventpipeline.read.cache.RedisL2;
import io.eventpipeline.read.cache.TieredCache;
import io.eventpipeline.read.query.AggregateView;
import io.eventpipeline.read.query.ReadQueries;
import io.eventpipeline.schemas.CacheKeys;
import io.eventpipeline.servers.Infrastructure;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.eventpipeline.bench.support.LocalServers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Stream-head reads per second and latency, same keys, same concurrency, in one run: Postgres directly on a
 * Hikari read pool (the baseline), through the cache with every read an L2 hit (L1 of one entry), and with
 * every read an L1 hit. Run: {@code java ... io.eventpipeline.read.bench.ReadBenchmark [reads] [threads]}
 * (defaults 40000, 8) or call {@link #run}. The machine is noisy: compare the ratios.
 */
public final class ReadBenchmark {

    /** One measured path. */
    public record Path(String name, double readsPerSecond, double p50Micros, double p99Micros) {
    }

    /** The three paths of one run; {@code l2Ratio}/{@code l1Ratio} are reads/s relative to Postgres. */
    public record Result(Path postgres, Path l2, Path l1, double l2Ratio, double l1Ratio, double l2HitShare) {
    }

    private static final int AGGREGATES = 1000;
    private static final String PRODUCER = "producer-1";
    private static final CacheView<AggregateView> HEAD = new CacheView<>("head", AggregateView.class);

    private ReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reads = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Result result = run(LocalServers.start(), reads, threads);
        System.out.println(result);
        System.exit(0);
    }

    public static Result run(Infrastructure servers, int reads, int threads) throws Exception {
        String jdbcUrl = servers.freshDatabase("read_bench");
        Flyway.configure().dataSource(jdbcUrl, servers.databaseUser(), servers.databasePassword())
                .locations("classpath:db/migration").load().migrate();
        try (ExecutorService loaders = Executors.newVirtualThreadPerTaskExecutor();
                HikariDataSource pool = new HikariDataSource(poolConfig(servers, jdbcUrl, threads))) {
            DSLContext dsl = DSL.using(pool, SQLDialect.POSTGRES, new Settings().withRenderSchema(false));
            dsl.execute("INSERT INTO aggregates (producer_id, aggregate_type, aggregate_id, version, last_event_id,"
                    + " last_event_type, event_count, updated_at) SELECT '" + PRODUCER + "', 'bench', 'a-' || i, i + 1, gen_random_uuid(), 'bench.event', i + 1, now()"
                    + " FROM generate_series(0, " + (AGGREGATES - 1) + ") i");
            ReadQueries queries = new ReadQueries(dsl);
            String prefix = "read-bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
            try (RedisL2 l2 = new RedisL2(servers.redisUrl(), Duration.ofSeconds(1), prefix, Duration.ofMinutes(10),
                    new SimpleMeterRegistry())) {
                SimpleMeterRegistry l2Metrics = new SimpleMeterRegistry();
                TieredCache l2Only = new TieredCache(1, Duration.ofMillis(1), l2, loaders, l2Metrics);
                TieredCache full = new TieredCache(10_000, Duration.ofMinutes(10), l2, loaders, new SimpleMeterRegistry());
                // Fill L2 and full's L1 once, so the measured loops hit the layer they name.
                for (int i = 0; i < AGGREGATES; i++) {
                    String id = "a-" + i;
                    full.get(CacheKeys.aggregate(PRODUCER, "bench", id), "head", HEAD, () -> queries.aggregate(PRODUCER, "bench", id)).join();
                }
                Thread.sleep(500);

                // Warm-up of each path, then the measured runs.
                measure("warm-up", reads / 4, threads, i -> queries.aggregate(PRODUCER, "bench", "a-" + i));
                Path postgres = measure("postgres", reads, threads, i -> queries.aggregate(PRODUCER, "bench", "a-" + i));
                measure("warm-up", reads / 4, threads, i -> read(l2Only, queries, i));
                double l2HitsBefore = l2Hits(l2Metrics);
                Path viaL2 = measure("l2 hit", reads, threads, i -> read(l2Only, queries, i));
                double l2HitShare = (l2Hits(l2Metrics) - l2HitsBefore) / (reads / threads * threads);
                measure("warm-up", reads / 4, threads, i -> read(full, queries, i));
                Path viaL1 = measure("l1 hit", reads, threads, i -> read(full, queries, i));
                Result result = new Result(postgres, viaL2, viaL1, viaL2.readsPerSecond() / postgres.readsPerSecond(),
                        viaL1.readsPerSecond() / postgres.readsPerSecond(), l2HitShare);
                print(result, reads, threads);
                return result;
            }
        }
    }

    private static double l2Hits(SimpleMeterRegistry registry) {
        var counter = registry.find("read.cache.requests").tags("layer", "l2", "result", "hit").counter();
        return counter == null ? 0 : counter.count();
    }

    private static void read(TieredCache cache, ReadQueries queries, int i) {
        String id = "a-" + i;
        cache.get(CacheKeys.aggregate(PRODUCER, "bench", id), "head", HEAD, () -> queries.aggregate(PRODUCER, "bench", id)).join()
                .orElseThrow();
    }

    private static Path measure(String name, int reads, int threads, IntConsumer read) throws Exception {
        long[] latencies = new long[reads];
        int perThread = reads / threads;
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            long started = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * perThread;
                done.add(workers.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int n = 0; n < perThread; n++) {
                        long start = System.nanoTime();
                        read.accept(random.nextInt(AGGREGATES));
                        latencies[offset + n] = System.nanoTime() - start;
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] measured = Arrays.copyOf(latencies, perThread * threads);
            Arrays.sort(measured);
            return new Path(name, measured.length / seconds, measured[measured.length / 2] / 1e3,
                    measured[(int) (measured.length * 0.99)] / 1e3);
        } finally {
            workers.shutdownNow();
        }
    }

    private static HikariConfig poolConfig(Infrastructure servers, String jdbcUrl, int threads) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(servers.databaseUser());
        ds.setPassword(servers.databasePassword());
        HikariConfig config = new HikariConfig();
        config.setDataSource(ds);
        config.setMaximumPoolSize(threads);
        config.setPoolName("bench-read");
        return config;
    }

    private static void print(Result r, int reads, int threads) {
        System.out.printf(Locale.ROOT, "ReadBenchmark: %d stream-head reads, %d threads, %d aggregates%n", reads, threads, AGGREGATES);
        for (Path p : List.of(r.postgres(), r.l2(), r.l1())) {
            System.out.printf(Locale.ROOT, "  %-9s %10.0f reads/s   p50 %8.1f us   p99 %8.1f us%n", p.name(), p.readsPerSecond(),
                    p.p50Micros(), p.p99Micros());
        }
        System.out.printf(Locale.ROOT, "  ratio vs postgres: l2 hit %.2fx, l1 hit %.2fx (share of l2-path reads answered by L2: %.3f)%n",
                r.l2Ratio(), r.l1Ratio(), r.l2HitShare());
    }
}
