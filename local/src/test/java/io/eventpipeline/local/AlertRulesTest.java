package io.eventpipeline.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules in docker/prometheus/alerts.yml: valid, unit-tested by {@code promtool test rules}
 * (Debian's {@code prometheus} package; {@code .ci/run} installs it, and this test fails without it),
 * every alert exercised by alerts.test.yml, and every metric an alert reads shown on a Grafana panel.
 */
class AlertRulesTest {

    private static final Path PROMETHEUS = Path.of("..", "docker", "prometheus");
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(?![a-zA-Z0-9_:]*\\s*\\()");

    @Test
    void shouldPassPromtoolsUnitTestsWhenTheRulesAreChecked() throws Exception {
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS");
        assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void shouldExerciseEveryAlertWhenTheUnitTestsRun() throws IOException {
        String tests = Files.readString(PROMETHEUS.resolve("alerts.test.yml"));

        assertThat(alerts()).isNotEmpty().allSatisfy((name, expr) -> assertThat(tests).contains("alertname: " + name));
    }

    @Test
    void shouldShowEveryMetricAnAlertReadsOnAGrafanaPanel() throws IOException {
        Set<String> onPanels = new TreeSet<>();
        DashboardMetrics.expressions(Path.of("..", "grafana", "dashboards")).forEach(e -> onPanels.addAll(DashboardMetrics.namesIn(e)));

        assertThat(alerts()).allSatisfy((name, expr) -> assertThat(onPanels).as(name).containsAll(metricsIn(expr)));
    }

    @Test
    void shouldReadMetricNamesOutOfAnExpressionWhenLabelsAndFunctionsSurroundThem() {
        assertThat(metricsIn("max by (job, pool) (hikaricp_connections_active{pool=~\"a|b\"}) / max by (job) "
                + "(hikaricp_connections_max) >= 0.9 and deriv(lag_max[10m]) > 0"))
                .containsExactlyInAnyOrder("hikaricp_connections_active", "hikaricp_connections_max", "lag_max");
    }

    static Set<String> metricsIn(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "").replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> alerts() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(PROMETHEUS.resolve("alerts.yml")));
        Map<String, String> alerts = new LinkedHashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                alerts.put((String) rule.get("alert"), (String) rule.get("expr"));
            }
        }
        return alerts;
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(promtoolBinary());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private static String promtoolBinary() {
        String configured = System.getenv("PROMTOOL_BIN");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        assertThat(Path.of("/usr/bin/promtool")).as("promtool: apt-get install prometheus (or set PROMTOOL_BIN)").isExecutable();
        return "/usr/bin/promtool";
    }
}
