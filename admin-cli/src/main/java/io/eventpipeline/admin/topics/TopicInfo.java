package io.eventpipeline.admin.topics;

/**
 * One topic as {@code topics} shows it.
 *
 * @param sizeBytes bytes on disk over every replica on every broker (describeLogDirs)
 * @param messages  offsets held: end minus start over all partitions (transaction markers included)
 */
record TopicInfo(String name, boolean exists, int partitions, int replicationFactor, String retention,
        String retentionBytes, String cleanupPolicy, long sizeBytes, long messages) {

    static TopicInfo missing(String name) {
        return new TopicInfo(name, false, 0, 0, null, null, null, 0, 0);
    }
}
