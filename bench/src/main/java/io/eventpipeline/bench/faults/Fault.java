package io.eventpipeline.bench.faults;

import io.eventpipeline.bench.Services;

/** One fault of the matrix: injected under load; the harness then waits for the pipeline to deliver again. */
interface Fault {

    String name();

    /**
     * Injects the fault and returns once whatever it broke has been started again (or the outage ended).
     *
     * @return when the fault struck and what shows it struck where it was meant to
     */
    Injection inject(Context context) throws Exception;

    /** @param evidence what the harness observed at the moment of the fault, for the report */
    record Injection(long atMillis, String evidence) {
    }

    /** What a fault can act on. */
    record Context(Cluster cluster, Services services, SteadyLoad load) {
    }
}
