package io.eventpipeline.access;

import io.eventpipeline.schemas.config.RedisUrl;
import io.eventpipeline.servers.PostgresServer;
import io.eventpipeline.servers.RedisProcess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;

/** A real PostgreSQL (migrated) and a real Redis for one test class, and instances built on them. */
final class AccessServers implements AutoCloseable {

    final PostgresServer postgres;
    final RedisProcess redis;
    final DSLContext db;
    private final List<AutoCloseable> opened = new ArrayList<>();

    AccessServers() {
        try {
            postgres = PostgresServer.start(Files.createTempDirectory(Path.of("target"), "pg-"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        redis = RedisProcess.start(null, 0);
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(postgres.jdbcUrl("postgres"));
        source.setUser(PostgresServer.USER);
        Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
        db = DSL.using(source, SQLDialect.POSTGRES);
    }

    RedisKeyChanges changes(RedisProcess on) {
        return track(new RedisKeyChanges(new RedisUrl(on.url()), "it.", Duration.ofSeconds(1)));
    }

    ApiKeyStore store(KeyChanges changes, MeterRegistry meters) {
        return new ApiKeyStore(db, changes, meters);
    }

    /** One service instance: its own broadcast subscription, cache and meters. */
    Instance instance(RedisProcess on, AccessSettings settings) {
        MeterRegistry meters = new SimpleMeterRegistry();
        KeyChanges changes = on == null ? KeyChanges.NONE : changes(on);
        return new Instance(new Authenticator(store(changes, meters), changes, settings, meters), changes, meters);
    }

    record Instance(Authenticator auth, KeyChanges changes, MeterRegistry meters) {

        long lookups() {
            var timer = meters.find("db.query").tag("query", "api_keys.find_by_hash").timer();
            return timer == null ? 0 : timer.count();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        redis.close();
        postgres.close();
    }
}
