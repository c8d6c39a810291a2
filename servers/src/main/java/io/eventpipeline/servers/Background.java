package io.eventpipeline.servers;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starting servers in parallel, and stopping whatever did start when another failed. */
final class Background {

    private static final Logger log = LoggerFactory.getLogger(Background.class);

    private Background() {
    }

    /**
     * Runs {@code start} on another thread with this thread's context class loader: inside the
     * executable jar, the server binaries are resources that only that loader can see.
     */
    static <T> CompletableFuture<T> start(Supplier<T> start) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name("server-start").daemon().start(() -> {
            Thread.currentThread().setContextClassLoader(loader);
            try {
                result.complete(start.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The started server, or null when it was not started or its start failed. */
    static <T> T startedOrNull(CompletableFuture<T> start) {
        return start == null ? null : start.exceptionally(t -> null).join();
    }

    static void closeQuietly(AutoCloseable server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (Exception e) {
            log.warn("stopping {} failed", server.getClass().getSimpleName(), e);
        }
    }
}
