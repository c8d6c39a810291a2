package io.eventpipeline.local;

import io.eventpipeline.schemas.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The metric names the Grafana dashboards query, and the names a Prometheus scrape exposes. */
final class DashboardMetrics {

    /** Dashboards write every selector with braces, {@code name{...}}, so the names can be read off. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    private DashboardMetrics() {
    }

    static List<String> expressions(Path dashboards) throws IOException {
        List<String> exprs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dashboards)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Json.MAPPER.readTree(file.toFile()).findValues("expr").stream().map(JsonNode::asString).forEach(exprs::add);
            }
        }
        return exprs;
    }

    static Set<String> namesIn(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = SELECTOR.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Set<String> exposedBy(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{');
            names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
        }
        return names;
    }
}
