package io.eventpipeline.servers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code pgbouncer.ini} started by {@link PgBouncerProcess}: the performance playbook's settings in
 * transaction mode (the same pool settings as {@code docker/pgbouncer/pgbouncer.ini}), every database
 * of the server behind it reachable under its own name, {@code trust} for the embedded server's
 * password-less user, and the admin console ({@code pgbouncer} database) open to that user.
 */
final class PgBouncerConfig {

    /** The playbook's pool settings; a test keeps docker/pgbouncer/pgbouncer.ini in step. */
    static final Map<String, String> POOL_SETTINGS = poolSettings();

    private PgBouncerConfig() {
    }

    static String ini(String postgresHost, int postgresPort, int listenPort, String user, String authFile) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listen_addr", "127.0.0.1");
        settings.put("listen_port", String.valueOf(listenPort));
        settings.put("unix_socket_dir", "");
        settings.put("auth_type", "trust");
        settings.put("auth_file", authFile);
        settings.put("admin_users", user);
        settings.put("stats_users", user);
        // pgjdbc sends extra_float_digits as a startup parameter (assumeMinServerVersion >= 9.0), which
        // only the admin console needs: pooled connections get it by a SET passed through.
        settings.put("ignore_startup_parameters", "extra_float_digits");
        settings.putAll(POOL_SETTINGS);
        return "[databases]\n* = host=" + postgresHost + " port=" + postgresPort + "\n\n[pgbouncer]\n"
                + settings.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("\n"))
                + "\n";
    }

    private static Map<String, String> poolSettings() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("pool_mode", "transaction");
        p.put("max_client_conn", "1000");
        p.put("default_pool_size", "25");
        p.put("reserve_pool_size", "5");
        p.put("reserve_pool_timeout", "3");
        p.put("max_db_connections", "100");
        p.put("max_user_connections", "100");
        p.put("server_idle_timeout", "600");
        p.put("server_lifetime", "3600");
        p.put("server_connect_timeout", "15");
        p.put("query_timeout", "0");
        p.put("query_wait_timeout", "120");
        p.put("log_connections", "1");
        p.put("log_disconnections", "1");
        p.put("log_pooler_errors", "1");
        p.put("stats_period", "60");
        return Collections.unmodifiableMap(p);
    }
}
