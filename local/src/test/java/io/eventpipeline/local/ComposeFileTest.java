package io.eventpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml read statically (no Docker engine here; nothing claims compose was run): every
 * variable it gives a service is one the code reads, every variable a service needs is set, the
 * topics' replication factor matches the brokers, services are healthchecked, restarted and started in
 * order, and no management port is published.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern VARIABLE_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)");
    private static final Pattern REQUIRED_INTERPOLATION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+):\\?");
    private static final Set<String> MANAGEMENT_PORTS = Set.of("9080", "8081", "8082", "9083");
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "ingest-api", List.of("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "REDIS_URL"),
            "stream-processor", List.of("KAFKA_BOOTSTRAP_SERVERS", "STREAMS_STATE_DIR"),
            "projection-writer", List.of("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD"),
            "read-api", List.of("KAFKA_BOOTSTRAP_SERVERS", "DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "REDIS_URL"));

    @Test
    void shouldSetOnlyVariablesTheCodeReadsWhenConfiguringAService() throws IOException {
        Set<String> read = variablesReadByCode();

        services(true).forEach((name, service) -> assertThat(environment(service).keySet()).as(name)
                .allSatisfy(variable -> assertThat(read.contains(variable) || isSpringProperty(variable))
                        .as(name + " sets " + variable + ", which no code reads").isTrue()));
    }

    @Test
    void shouldSetEveryVariableAServiceNeedsWhenStarted() throws IOException {
        Map<String, Map<String, Object>> services = services(true);

        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(REQUIRED.keySet());
        REQUIRED.forEach((name, variables) -> assertThat(environment(services.get(name))).as(name).containsKeys(
                variables.toArray(String[]::new)));
    }

    @Test
    void shouldDefineEveryRequiredInterpolationInTheExampleEnvFile() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker/compose.yaml"));
        String example = Files.readString(ROOT.resolve("docker/example.env"));
        Set<String> required = new TreeSet<>();
        Matcher m = REQUIRED_INTERPOLATION.matcher(compose);
        while (m.find()) {
            required.add(m.group(1));
        }

        assertThat(required).isNotEmpty().allSatisfy(v -> assertThat(example).contains(v + "="));
    }

    @Test
    void shouldReplicateTopicsAsOftenAsThereAreBrokersWhenTopicsAreCreated() throws IOException {
        long brokers = services(false).values().stream()
                .filter(s -> String.valueOf(s.get("image")).startsWith("apache/kafka")).count();

        services(true).forEach((name, service) -> assertThat(environment(service))
                .as(name).containsEntry("TOPIC_REPLICATION_FACTOR", String.valueOf(brokers)));
    }

    @Test
    void shouldHealthcheckRestartAndOrderEveryServiceWhenStarted() throws IOException {
        Map<String, Map<String, Object>> all = services(false);

        all.forEach((name, service) -> assertThat(service).as(name).containsEntry("restart", "unless-stopped"));
        services(true).forEach((name, service) -> {
            assertThat(service).as(name).containsKey("healthcheck");
            Map<String, Map<String, String>> dependsOn = map(service.get("depends_on"));
            assertThat(dependsOn).as(name).isNotEmpty().allSatisfy((dependency, condition) -> {
                assertThat(condition).as(name + " -> " + dependency).containsEntry("condition", "service_healthy");
                assertThat(all.get(dependency)).as(dependency).containsKey("healthcheck");
            });
        });
    }

    @Test
    void shouldPublishNoManagementPortWhenServicesExposeTheirApis() throws IOException {
        services(false).forEach((name, service) -> {
            List<String> ports = list(service.get("ports"));
            assertThat(ports).as(name).noneMatch(p -> MANAGEMENT_PORTS.stream().anyMatch(m -> p.endsWith(":" + m)));
            if (!REQUIRED.containsKey(name)) {
                assertThat(ports).as(name + " is published on loopback only").allMatch(p -> p.startsWith("127.0.0.1:"));
            }
        });
    }

    /** String literals shaped like variable names in main code, and ${VAR} placeholders in main resources. */
    static Set<String> variablesReadByCode() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(ComposeFileTest::isMainSource).toList()) {
                Pattern pattern = file.toString().endsWith(".java") ? VARIABLE_LITERAL : PLACEHOLDER;
                Matcher m = pattern.matcher(Files.readString(file));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.contains("/src/main/") && !path.contains("/target/")
                && (path.endsWith(".java") || path.endsWith(".yml") || path.endsWith(".properties"));
    }

    /** Spring Boot binds SPRING_FLYWAY_URL to spring.flyway.url (relaxed binding). */
    private static boolean isSpringProperty(String variable) {
        return variable.startsWith("SPRING_") || variable.startsWith("MANAGEMENT_SERVER_");
    }

    private static Map<String, Map<String, Object>> services(boolean ownOnly) throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker/compose.yaml")));
        Map<String, Map<String, Object>> services = map(compose.get("services"));
        return ownOnly ? filter(services) : services;
    }

    private static Map<String, Map<String, Object>> filter(Map<String, Map<String, Object>> services) {
        Map<String, Map<String, Object>> own = new TreeMap<>();
        services.forEach((name, service) -> {
            if (service.containsKey("build")) {
                own.put(name, service);
            }
        });
        return own;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, Object> env = map(service.get("environment"));
        Map<String, String> values = new TreeMap<>();
        env.forEach((k, v) -> values.put(k, String.valueOf(v)));
        return values;
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> map(Object value) {
        return value == null ? Map.of() : (Map<String, T>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
    }
}
