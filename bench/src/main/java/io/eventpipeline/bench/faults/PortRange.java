package io.eventpipeline.bench.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports for the fault run, taken from a range below Linux's ephemeral range (32768-60999): a server that
 * is killed and started again must get its port back, and no client connection can grab a port there
 * in the meantime. {@code FAULTS_PORT_BASE} (default 27000) moves the range.
 */
final class PortRange {

    private static final int SIZE = 1000;
    private final int base;
    private final Set<Integer> handedOut = new HashSet<>();

    PortRange(int base) {
        if (base < 1024 || base + SIZE > 32768) {
            throw new IllegalArgumentException("FAULTS_PORT_BASE must be in 1024-" + (32768 - SIZE) + ", got " + base);
        }
        this.base = base;
    }

    static PortRange fromEnvironment() {
        String value = System.getenv("FAULTS_PORT_BASE");
        try {
            return new PortRange(value == null || value.isBlank() ? 27000 : Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FAULTS_PORT_BASE must be a port number, got " + value, e);
        }
    }

    /** The next port of the range that nothing listens on and that was not handed out before. */
    synchronized int next() {
        for (int port = base; port < base + SIZE; port++) {
            if (!handedOut.contains(port) && isFree(port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + base + "-" + (base + SIZE - 1) + "; set FAULTS_PORT_BASE");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
