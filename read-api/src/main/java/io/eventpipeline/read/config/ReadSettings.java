package io.eventpipeline.read.config;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.boot.convert.DurationStyle;

/**
 * The read-api's validated configuration; every failure names the environment variable to fix. The password
 * is never part of {@link #toString()}.
 */
public record ReadSettings(String kafkaBootstrapServers, String topicPrefix, int topicPartitions, short topicReplicationFactor,
        String readDatabaseUrl, String analyticsDatabaseUrl, String databaseUser, String databasePassword,
        int readPoolSize, Duration readConnectionTimeout, int analyticsPoolSize, Duration analyticsConnectionTimeout,
        Duration analyticsStatementTimeout, String redisUrl, Duration redisTimeout, String cacheKeyPrefix,
        int l1MaxEntries, Duration l1Ttl, Duration l2Ttl, int warmAggregates, Duration httpCacheMaxAge) {

    public ReadSettings {
        require(kafkaBootstrapServers != null && !kafkaBootstrapServers.isBlank(), "KAFKA_BOOTSTRAP_SERVERS must be set");
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        require(topicPartitions >= 1, "TOPIC_PARTITIONS must be >= 1");
        require(topicReplicationFactor >= 1, "TOPIC_REPLICATION_FACTOR must be >= 1");
        require(isPostgresUrl(readDatabaseUrl), "READ_DATABASE_URL (or DATABASE_URL) must be a jdbc:postgresql: URL");
        require(isPostgresUrl(analyticsDatabaseUrl), "ANALYTICS_DATABASE_URL (or DATABASE_URL) must be a jdbc:postgresql: URL");
        require(databaseUser != null && !databaseUser.isBlank(), "DATABASE_USER must be set");
        databasePassword = databasePassword == null ? "" : databasePassword;
        require(readPoolSize >= 1, "READ_POOL_SIZE must be >= 1");
        require(atLeastHikariMinimum(readConnectionTimeout), "READ_POOL_CONNECTION_TIMEOUT must be >= 250ms");
        require(analyticsPoolSize >= 1, "ANALYTICS_POOL_SIZE must be >= 1");
        require(atLeastHikariMinimum(analyticsConnectionTimeout), "ANALYTICS_POOL_CONNECTION_TIMEOUT must be >= 250ms");
        require(analyticsStatementTimeout != null && analyticsStatementTimeout.toMillis() >= 1,
                "ANALYTICS_STATEMENT_TIMEOUT must be >= 1ms");
        require(redisUrl != null && (redisUrl.startsWith("redis://") || redisUrl.startsWith("rediss://")),
                "REDIS_URL must be a redis:// or rediss:// URL");
        require(redisTimeout != null && redisTimeout.toMillis() >= 1, "REDIS_TIMEOUT must be >= 1ms");
        cacheKeyPrefix = cacheKeyPrefix == null ? "" : cacheKeyPrefix;
        require(l1MaxEntries >= 1, "CACHE_L1_MAX_ENTRIES must be >= 1");
        require(l1Ttl != null && l1Ttl.isPositive(), "CACHE_L1_TTL must be > 0");
        require(l2Ttl != null && l2Ttl.toSeconds() >= 1, "CACHE_L2_TTL must be >= 1s");
        require(warmAggregates >= 0, "CACHE_WARM_AGGREGATES must be >= 0");
        require(httpCacheMaxAge != null && !httpCacheMaxAge.isNegative(), "HTTP_CACHE_MAX_AGE must be >= 0s");
    }

    /** Reads every setting through {@code property} (Spring's resolved {@code read.*} keys, see read-api.yml). */
    public static ReadSettings from(Function<String, String> property) {
        String url = property.apply("read.database.url");
        return new ReadSettings(
                property.apply("read.kafka-bootstrap-servers"),
                property.apply("read.topic-prefix"),
                integer(property, "read.topic-partitions", "TOPIC_PARTITIONS"),
                (short) integer(property, "read.topic-replication-factor", "TOPIC_REPLICATION_FACTOR"),
                orElse(property.apply("read.database.read-url"), url),
                orElse(property.apply("read.database.analytics-url"), url),
                property.apply("read.database.user"),
                property.apply("read.database.password"),
                integer(property, "read.pools.read-size", "READ_POOL_SIZE"),
                duration(property, "read.pools.read-connection-timeout", "READ_POOL_CONNECTION_TIMEOUT"),
                integer(property, "read.pools.analytics-size", "ANALYTICS_POOL_SIZE"),
                duration(property, "read.pools.analytics-connection-timeout", "ANALYTICS_POOL_CONNECTION_TIMEOUT"),
                duration(property, "read.pools.analytics-statement-timeout", "ANALYTICS_STATEMENT_TIMEOUT"),
                property.apply("read.redis.url"),
                duration(property, "read.redis.timeout", "REDIS_TIMEOUT"),
                property.apply("read.cache.key-prefix"),
                integer(property, "read.cache.l1-max-entries", "CACHE_L1_MAX_ENTRIES"),
                duration(property, "read.cache.l1-ttl", "CACHE_L1_TTL"),
                duration(property, "read.cache.l2-ttl", "CACHE_L2_TTL"),
                integer(property, "read.cache.warm-aggregates", "CACHE_WARM_AGGREGATES"),
                duration(property, "read.http.cache-max-age", "HTTP_CACHE_MAX_AGE"));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ReadSettings[kafka=%s prefix='%s' partitions=%d rf=%d readDb=%s analyticsDb=%s user=%s"
                        + " readPool=%d/%s analyticsPool=%d/%s statementTimeout=%s redis=%s redisTimeout=%s keyPrefix='%s'"
                        + " l1=%d/%s l2Ttl=%s warm=%d httpMaxAge=%s]",
                kafkaBootstrapServers, topicPrefix, topicPartitions, topicReplicationFactor, withoutQuery(readDatabaseUrl),
                withoutQuery(analyticsDatabaseUrl), databaseUser, readPoolSize, readConnectionTimeout, analyticsPoolSize,
                analyticsConnectionTimeout, analyticsStatementTimeout, withoutCredentials(redisUrl), redisTimeout, cacheKeyPrefix,
                l1MaxEntries, l1Ttl, l2Ttl, warmAggregates, httpCacheMaxAge);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static boolean isPostgresUrl(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    private static boolean atLeastHikariMinimum(Duration timeout) {
        return timeout != null && timeout.toMillis() >= 250;
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int integer(Function<String, String> property, String key, String variable) {
        String value = property.apply(key);
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be an integer, got '" + value + "'", e);
        }
    }

    private static Duration duration(Function<String, String> property, String key, String variable) {
        String value = property.apply(key);
        try {
            return DurationStyle.detectAndParse(value == null ? "" : value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " must be a duration such as 250ms or 10s, got '" + value + "'", e);
        }
    }

    /** JDBC URL parameters may carry a password: never log them. */
    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    private static String withoutCredentials(String url) {
        int at = url.lastIndexOf('@');
        int scheme = url.indexOf("://");
        return at < 0 || scheme < 0 ? url : url.substring(0, scheme + 3) + "***@" + url.substring(at + 1);
    }
}
