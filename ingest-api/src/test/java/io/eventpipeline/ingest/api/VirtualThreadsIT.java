package io.eventpipeline.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.eventpipeline.ingest.IngestApp;
import io.eventpipeline.testsupport.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 1,000 requests open at once (each stalled mid-body inside the handler) do not need 1,000 platform threads. */
class VirtualThreadsIT {

    private static final int OPEN = 1000;
    private static IngestApp app;

    @BeforeAll
    static void start() {
        app = IngestApp.start("vthreads", Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void shouldHoldThousandOpenRequestsWithoutThousandPlatformThreads() throws Exception {
        int platformBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Socket> sockets = new ArrayList<>();
        List<byte[]> rests = new ArrayList<>();
        int port = app.uri("/").getPort();

        try {
            for (int i = 0; i < OPEN; i++) {
                byte[] body = IngestApp.event("vt-" + i, "{}").getBytes(StandardCharsets.UTF_8);
                Socket socket = new Socket("127.0.0.1", port);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + app.apiKey()
                        + "\r\nContent-Type: application/json\r\nIdempotency-Key: vt-" + i + "\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                int half = body.length / 2;
                out.write(body, 0, half);
                out.flush();
                sockets.add(socket);
                rests.add(Arrays.copyOfRange(body, half, body.length));
            }
            Await.until(Duration.ofSeconds(90), () -> handlersWaitingForBody() >= OPEN);
            int platformWhileOpen = ManagementFactory.getThreadMXBean().getThreadCount();

            for (int i = 0; i < OPEN; i++) {
                sockets.get(i).getOutputStream().write(rests.get(i));
                sockets.get(i).getOutputStream().flush();
            }
            List<String> statusLines = new ArrayList<>();
            for (Socket socket : sockets) {
                socket.setSoTimeout(60_000);
                statusLines.add(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine());
            }

            assertThat(platformWhileOpen - platformBefore).isLessThan(100);
            assertThat(statusLines).allSatisfy(line -> assertThat(line).startsWith("HTTP/1.1 202"));
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Counts request handlers parked in readBody, virtual threads included, from a JSON thread dump. */
    private static long handlersWaitingForBody() {
        try {
            Path dir = Files.createTempDirectory("threads");
            Path dump = dir.resolve("dump.json");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            String text = Files.readString(dump);
            Files.delete(dump);
            Files.delete(dir);
            return text.lines().filter(l -> l.contains("RequestChecks.readBody")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
