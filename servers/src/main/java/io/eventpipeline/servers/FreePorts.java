package io.eventpipeline.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Picks ports for servers that must be told their port before they bind. */
final class FreePorts {

    /**
     * Ports handed out by this JVM: the kernel may offer a just-closed ephemeral port again, and a broker
     * told to use the same port for two listeners refuses to start.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** The requested port, or a currently free loopback port not handed out before when {@code requested} is 0. */
    static int orFree(int requested) {
        if (requested > 0) {
            return requested;
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = anyFree();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no loopback port that was not handed out already");
    }

    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
