package io.eventpipeline.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CPU went during a phase: each service JVM, and this JVM (the broker, plus the Java generator when it is
 * the one running), in CPU seconds.
 */
final class CpuShare {

    static final String SELF = "broker+bench JVM";
    private final Services services;
    private final Map<String, Double> before;
    private final double selfBefore;
    private final long startedNanos;

    private CpuShare(Services services) {
        this.services = services;
        this.before = services.cpuSeconds();
        this.selfBefore = Generator.selfCpuSeconds();
        this.startedNanos = System.nanoTime();
    }

    static CpuShare start(Services services) {
        return new CpuShare(services);
    }

    /** CPU seconds each process used since the start, and the wall seconds under the key "wall". */
    Map<String, Double> stop() {
        Map<String, Double> used = new LinkedHashMap<>();
        services.cpuSeconds().forEach((name, seconds) -> used.put(name, seconds - before.getOrDefault(name, 0.0)));
        used.put(SELF, Generator.selfCpuSeconds() - selfBefore);
        used.put("wall", (System.nanoTime() - startedNanos) / 1e9);
        return used;
    }

    static String describe(Map<String, Double> used) {
        double wall = used.get("wall");
        StringBuilder text = new StringBuilder("cpu cores:");
        used.forEach((name, seconds) -> {
            if (!name.equals("wall")) {
                text.append(" %s %.2f,".formatted(name, seconds / wall));
            }
        });
        return text.substring(0, text.length() - 1);
    }
}
