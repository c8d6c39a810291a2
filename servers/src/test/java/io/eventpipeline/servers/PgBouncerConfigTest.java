package io.eventpipeline.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgBouncerConfigTest {

    @Test
    void shouldPoolLikeComposeWhenStartedByCode() throws IOException {
        Map<String, String> compose = settings(Files.readString(Path.of("../docker/pgbouncer/pgbouncer.ini")));

        assertThat(compose).containsAllEntriesOf(PgBouncerConfig.POOL_SETTINGS);
    }

    @Test
    void shouldListenOnLoopbackInTransactionModeWhenWritten() {
        Map<String, String> ini = settings(PgBouncerConfig.ini("127.0.0.1", 5432, 6432, "postgres", "/tmp/users.txt"));

        assertThat(ini).containsEntry("listen_addr", "127.0.0.1").containsEntry("listen_port", "6432")
                .containsEntry("pool_mode", "transaction").containsEntry("auth_file", "/tmp/users.txt")
                .containsEntry("*", "host=127.0.0.1 port=5432")
                .doesNotContainKey("max_prepared_statements");
    }

    private static Map<String, String> settings(String ini) {
        Map<String, String> settings = new HashMap<>();
        for (String line : ini.split("\n")) {
            String trimmed = line.strip();
            int eq = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith(";") || trimmed.startsWith("[") || eq < 0) {
                continue;
            }
            settings.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
        }
        return settings;
    }
}
