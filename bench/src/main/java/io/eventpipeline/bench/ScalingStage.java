package io.eventpipeline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * (c2) How the stream-processor scales: events/s and CPU per event against the event's size (256 B, 1 KiB, 10 KiB
 * on events.raw) and against stream threads and processor instances (separate JVMs sharing one application id).
 */
final class ScalingStage {

    private ScalingStage() {
    }

    static List<Curve> run(ProcessorPeers.Input base, BenchOptions options, Progress progress) throws Exception {
        List<Curve.Point> sizes = new ArrayList<>();
        int[][] sizeRuns = options.quick() ? new int[][] {{256, 10_000}, {1024, 10_000}, {10_240, 3_000}}
                : new int[][] {{256, 150_000}, {1024, 150_000}, {10_240, 30_000}};
        for (int[] run : sizeRuns) {
            ProcessorPeers.Input input = ProcessorPeers.prepare(base.bootstrap(), base.repo(), base.work(), run[1], 0.10,
                    run[0]);
            sizes.add(point(run[0] >= 1024 ? run[0] / 1024 + " KiB" : run[0] + " B", input, 2, 1, progress));
        }
        List<Curve.Point> parallel = new ArrayList<>();
        for (int[] shape : new int[][] {{1, 1}, {1, 2}, {2, 1}, {2, 2}}) {
            parallel.add(point("%d JVM x %d thread(s)".formatted(shape[0], shape[1]), base, shape[1], shape[0], progress));
        }
        return List.of(
                new Curve("scaling-size.png", "stream-processor vs event size (%,d-%,d events, 2 threads)"
                        .formatted(sizeRuns[2][1], sizeRuns[0][1]), "event size on events.raw", sizes),
                new Curve("scaling-parallelism.png", "stream-processor vs instances x stream threads (%,d events, 6 partitions)"
                        .formatted(base.events()), "instances x threads", parallel));
    }

    private static Curve.Point point(String x, ProcessorPeers.Input input, int threads, int instances, Progress progress)
            throws Exception {
        ProcessorPeers.Run run = ProcessorPeers.run(input, "processor", threads, instances, Map.of());
        progress.note("%s: %s".formatted(x, ProcessorPeers.describe(run)));
        return new Curve.Point(x, run.drain().perSecond(), run.drain().cpuMicros(), run.streamThreadMicros());
    }
}
