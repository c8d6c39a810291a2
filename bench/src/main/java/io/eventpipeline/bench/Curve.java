package io.eventpipeline.bench;

import java.util.List;

/** A scaling curve: events/s and CPU per event at each point of one parameter (event size, threads, instances). */
record Curve(String file, String title, String axis, List<Point> points) {

    record Point(String x, double eventsPerSecond, double cpuMicros, double streamThreadMicros) {
    }
}
