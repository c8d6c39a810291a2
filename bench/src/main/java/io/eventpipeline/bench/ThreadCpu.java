package io.eventpipeline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU of a JVM's Kafka Streams threads, read from {@code jcmd <pid> Thread.print} (each thread's {@code cpu=}
 * figure): the threads named {@code ...-StreamThread-N}, not their producers' or consumers' network threads.
 */
final class ThreadCpu {

    private static final Pattern STREAM_THREAD = Pattern.compile("^\"[^\"]*-StreamThread-\\d+\" .*? cpu=([\\d.]+)ms",
            Pattern.MULTILINE);

    private ThreadCpu() {
    }

    /** Seconds of CPU the stream threads of {@code pid} used so far; NaN when jcmd cannot tell. */
    static double streamThreadSeconds(long pid) {
        return streamThreadSeconds(threadDump(pid));
    }

    /** The same from a thread dump's text. */
    static double streamThreadSeconds(String dump) {
        Matcher m = STREAM_THREAD.matcher(dump);
        double millis = 0;
        boolean any = false;
        while (m.find()) {
            millis += Double.parseDouble(m.group(1));
            any = true;
        }
        return any ? millis / 1000 : Double.NaN;
    }

    private static String threadDump(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
