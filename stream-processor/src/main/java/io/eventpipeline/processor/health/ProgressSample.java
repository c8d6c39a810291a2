package io.eventpipeline.processor.health;

/** The committed and end offset of one input partition at one time. */
record ProgressSample(long atMs, long committed, long end) {

    long lag() {
        return Math.max(0, end - committed);
    }
}
