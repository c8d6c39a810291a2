package io.eventpipeline.projection.config;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;

/**
 * One HikariCP pool. The pipeline has three (DESIGN "Postgres"): {@code write} for this writer, and
 * {@code read} and {@code analytics} for the read side, the last with a {@code statement_timeout} so a
 * long report can never hold connections forever. The password is never part of {@link #toString()}.
 *
 * @param statementTimeout server-side limit for every statement on this pool; {@code null} for none
 */
public record PoolSettings(String name, String jdbcUrl, String user, String password, int maxSize, int minIdle,
        Duration connectionTimeout, Duration statementTimeout) {

    public PoolSettings {
        String var = name.toUpperCase(java.util.Locale.ROOT) + "_POOL";
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
        if (statementTimeout != null && !statementTimeout.isPositive()) {
            throw new IllegalArgumentException(var + "_STATEMENT_TIMEOUT must be > 0 when set");
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
        if (statementTimeout != null) {
            config.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis());
        }
        return config;
    }

    @Override
    public String toString() {
        return "PoolSettings[" + name + " " + jdbcUrl + " user=" + user + " max=" + maxSize + " minIdle=" + minIdle
                + " connectionTimeout=" + connectionTimeout + " statementTimeout=" + statementTimeout + "]";
    }
}
