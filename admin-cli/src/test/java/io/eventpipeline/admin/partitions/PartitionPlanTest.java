package io.eventpipeline.admin.partitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class PartitionPlanTest {

    @Test
    void shouldComputeTheShareOfKeysThatMoveAsKafkasPartitionerWould() {
        int moved = 0;
        int keys = 100_000;
        for (int i = 0; i < keys; i++) {
            byte[] key = ("p/order/o-" + i).getBytes();
            int hash = Utils.toPositive(Utils.murmur2(key));
            moved += hash % 6 != hash % 9 ? 1 : 0;
        }

        assertThat(PartitionPlan.movingShare(6, 12)).isEqualTo(0.5);
        assertThat(PartitionPlan.movingShare(6, 9)).isCloseTo((double) moved / keys, within(0.01));
        assertThat(PartitionPlan.movingShare(3, 3)).isZero();
    }
}
