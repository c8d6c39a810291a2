package io.eventpipeline.projection.consume;

import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Partitions come and go: a new one is positioned from Postgres before anything of it is read; a
 * revoked or lost one is forgotten with the records buffered for it (the next owner re-reads them from
 * the position stored with the rows, so nothing is lost or written twice).
 */
final class Rebalance implements ConsumerRebalanceListener {

    private final Positions positions;
    private final PendingBatch pending;
    private final RebalanceTimer timer;

    Rebalance(Positions positions, PendingBatch pending, RebalanceTimer timer) {
        this.positions = positions;
        this.pending = pending;
        this.timer = timer;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        timer.revoked(partitions);
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        timer.revoked(partitions);
        forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        positions.assigned(partitions);
        timer.assigned(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        pending.remove(partitions);
        positions.forget(partitions);
    }
}
