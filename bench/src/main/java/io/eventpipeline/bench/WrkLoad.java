package io.eventpipeline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load from wrk (C, with the Lua script {@code wrk/ingest.lua}): closed loop over keep-alive connections, a
 * fresh Idempotency-Key per request. wrk is the generator of the HTTP stages where it is installed, so they measure
 * the service rather than a JVM generator on the same cores; its own CPU is reported (bash's {@code times} after it).
 */
final class WrkLoad {

    private static final Pattern STATS = Pattern.compile("WRKSTATS accepted=(\\d+) replayed=(\\d+) others=(\\d+) "
            + "batch=(\\d+) seconds=([\\d.]+) p50=([\\d.]+) p75=([\\d.]+) p90=([\\d.]+) p95=([\\d.]+) p99=([\\d.]+) "
            + "p999=([\\d.]+)");
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s\\s*$");

    /** One wrk run: answers by kind, the new events accepted per second, latency in ms, wrk's CPU in seconds. */
    record Result(long accepted, long replayed, long others, int batch, double seconds, Map<String, Double> percentilesMs,
            double generatorCpuSeconds) {

        double eventsPerSecond() {
            return accepted * batch / seconds;
        }

        long requests() {
            return accepted + replayed + others;
        }

        String describe() {
            return "%,.0f events/s (%,d new, %,d replays, %,d other answers), p50 %.1f ms, p99 %.1f ms, wrk cpu %.2f cores"
                    .formatted(eventsPerSecond(), accepted, replayed, others, percentilesMs.get("p50"),
                            percentilesMs.get("p99"), generatorCpuSeconds / seconds);
        }
    }

    private WrkLoad() {
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Result run(URI base, String apiKey, int batch, int connections, Duration duration, double repeatShare,
            Path work) throws Exception {
        Path script = script(work);
        String command = "wrk -t2 -c%d -d%ds --timeout 30s -s %s %s; times".formatted(Math.max(2, connections),
                duration.toSeconds(), script, base);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("WRK_API_KEY", apiKey, "WRK_BATCH", String.valueOf(batch),
                "WRK_REPEAT", String.valueOf(repeatShare), "WRK_RUN", UUID.randomUUID().toString().substring(0, 8)));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS);
        Matcher m = STATS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no WRKSTATS line:\n" + out);
        }
        Map<String, Double> p = new LinkedHashMap<>();
        List<String> names = List.of("p50", "p75", "p90", "p95", "p99", "p99.9");
        for (int i = 0; i < names.size(); i++) {
            p.put(names.get(i), Double.parseDouble(m.group(6 + i)));
        }
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Integer.parseInt(m.group(4)), Double.parseDouble(m.group(5)), p, childrenCpu(out));
    }

    /** bash's {@code times}: the second line is the CPU (user, system) of the processes it ran. */
    private static double childrenCpu(String out) {
        String[] lines = out.strip().split("\n");
        Matcher t = TIMES.matcher(lines[lines.length - 1]);
        if (!t.find()) {
            return Double.NaN;
        }
        return Integer.parseInt(t.group(1)) * 60 + Double.parseDouble(t.group(2))
                + Integer.parseInt(t.group(3)) * 60 + Double.parseDouble(t.group(4));
    }

    private static Path script(Path work) {
        try (InputStream in = WrkLoad.class.getResourceAsStream("/wrk/ingest.lua")) {
            Path file = work.resolve("wrk-ingest.lua");
            Files.createDirectories(work);
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
