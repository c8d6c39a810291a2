package io.eventpipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's memory from /proc (Linux). */
final class Memory {

    private Memory() {
    }

    static double peakRssMib(long pid) {
        return statusKib(pid, "VmHWM:") / 1024.0;
    }

    static double currentRssMib(long pid) {
        return statusKib(pid, "VmRSS:") / 1024.0;
    }

    private static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
