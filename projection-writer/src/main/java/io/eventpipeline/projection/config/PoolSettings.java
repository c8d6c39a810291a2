package io.eventpipeline.projection.config;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.Locale;

/**
 * One HikariCP pool (the writer's is {@code write}). No startup {@code options} and no session settings,
 * so it works unchanged behind PgBouncer in transaction mode. The password is never part of
 * {@link #toString()}.
 */
public record PoolSettings(String name, String jdbcUrl, String user, String password, int maxSize, int minIdle,
        Duration connectionTimeout) {

    public PoolSettings {
        String var = name.toUpperCase(Locale.ROOT) + "_POOL";
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("DATABASE_URL must be a jdbc:postgresql: URL");
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException(var + "_SIZE must be >= 1");
        }
        if (minIdle < 0 || minIdle > maxSize) {
            throw new IllegalArgumentException(var + "_MIN_IDLE must be in 0.." + var + "_SIZE");
        }
        if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException(var + "_CONNECTION_TIMEOUT must be >= 250ms (Hikari's minimum)");
        }
    }

    /** The Hikari configuration of this pool; {@code reWriteBatchedInserts} turns JDBC batches into multi-row inserts. */
    public HikariConfig toHikariConfig() {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(minIdle);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "projection-writer-" + name);
        return config;
    }

    @Override
    public String toString() {
        return "PoolSettings[" + name + " " + jdbcUrl + " user=" + user + " max=" + maxSize + " minIdle=" + minIdle
                + " connectionTimeout=" + connectionTimeout + "]";
    }
}
