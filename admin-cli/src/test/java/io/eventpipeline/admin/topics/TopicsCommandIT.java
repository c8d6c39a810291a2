package io.eventpipeline.admin.topics;

import static io.eventpipeline.admin.PipelineFixture.utf8;
import static io.eventpipeline.sql.jooq.Tables.PROJECTION_OFFSETS;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.admin.AdminRun.Result;
import io.eventpipeline.admin.PipelineFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./admin topics} against a real broker and PostgreSQL: records held, retention, size, and lag of
 * the processor's group (Kafka offsets), the writer (projection_offsets) and another group.
 */
class TopicsCommandIT {

    private static PipelineFixture pipeline;

    @BeforeAll
    static void given() throws Exception {
        pipeline = new PipelineFixture("admin-topics", 3);
        try (KafkaProducer<String, byte[]> producer = pipeline.producer()) {
            // events.raw: 5, 3 and 2 records in partitions 0, 1, 2; events.log: 4 and 3 in partitions 0 and 1
            send(producer, "events.raw", List.of(5, 3, 2));
            send(producer, "events.log", List.of(4, 3, 0));
            send(producer, "cache.invalidations", List.of(1, 1, 1));
        }
        try (Admin admin = pipeline.kafkaAdmin()) {
            String processorGroup = pipeline.prefix() + "event-pipeline-processor";
            admin.alterConsumerGroupOffsets(processorGroup,
                    Map.of(new TopicPartition(pipeline.topic("events.raw"), 0), new OffsetAndMetadata(4))).all().get();
            admin.alterConsumerGroupOffsets(pipeline.prefix() + "cache-reader",
                    Map.of(new TopicPartition(pipeline.topic("cache.invalidations"), 2), new OffsetAndMetadata(0))).all().get();
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, pipeline.topic("events.raw")),
                    List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "86400000"), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
        try (Connection c = DriverManager.getConnection(pipeline.databaseUrl(), "postgres", "")) {
            var dsl = DSL.using(c, SQLDialect.POSTGRES);
            for (int[] position : new int[][] {{0, 4}, {1, 1}}) {
                dsl.insertInto(PROJECTION_OFFSETS, PROJECTION_OFFSETS.CONSUMER_GROUP, PROJECTION_OFFSETS.TOPIC,
                        PROJECTION_OFFSETS.PARTITION, PROJECTION_OFFSETS.NEXT_OFFSET)
                        .values("event-pipeline-projection-writer", pipeline.topic("events.log"), position[0],
                                (long) position[1])
                        .execute();
            }
        }
    }

    @Test
    void shouldShowPartitionsRetentionSizeAndRecordsOfEachTopic() {
        Result result = pipeline.admin().run("topics");

        assertThat(result.code()).as(result.toString()).isZero();
        List<String> raw = result.row(pipeline.topic("events.raw")).orElseThrow();
        assertThat(raw.subList(1, 4)).containsExactly("3", "1", "1d");
        assertThat(raw.get(5)).isEqualTo("delete");
        assertThat(raw.get(6)).as("size on disk").matches("\\d+(\\.\\d)? (B|KiB)").isNotEqualTo("0 B");
        assertThat(raw.get(7)).isEqualTo("10");
        assertThat(result.row(pipeline.topic("events.log")).orElseThrow().get(7)).isEqualTo("7");
        assertThat(result.row(pipeline.topic("cache.invalidations")).orElseThrow().get(5)).isEqualTo("compact");
    }

    @Test
    void shouldShowLagOfTheProcessorFromKafkaAndOfTheWriterFromPostgres() {
        Result result = pipeline.admin().run("topics");

        assertThat(result.code()).as(result.toString()).isZero();
        // processor: partition 0 at 4 of 5, partitions 1 and 2 never committed (3 + 2 from the start)
        assertThat(result.row(pipeline.prefix() + "event-pipeline-processor", "kafka", pipeline.topic("events.raw")))
                .as(result.toString()).hasValueSatisfying(row -> assertThat(row.subList(3, 5)).containsExactly("6", "2"));
        // writer: partition 0 at 4 of 4, partition 1 at 1 of 3, partition 2 empty without a row
        assertThat(result.row("event-pipeline-projection-writer", "postgres", pipeline.topic("events.log")))
                .as(result.toString()).hasValueSatisfying(row -> assertThat(row.subList(3, 5)).containsExactly("2", "1"));
        assertThat(result.row(pipeline.prefix() + "cache-reader", "kafka", pipeline.topic("cache.invalidations")))
                .as(result.toString()).hasValueSatisfying(row -> assertThat(row.get(3)).isEqualTo("3"));
    }

    @Test
    void shouldShowLagPerPartitionWhenAsked() {
        Result result = pipeline.admin().run("topics", "--partitions");

        String group = pipeline.prefix() + "event-pipeline-processor";
        String raw = pipeline.topic("events.raw");
        assertThat(result.row(group, "kafka", raw, "0")).hasValueSatisfying(r -> assertThat(r.get(4)).isEqualTo("1"));
        assertThat(result.row(group, "kafka", raw, "1")).hasValueSatisfying(r -> assertThat(r.get(4)).isEqualTo("3"));
        assertThat(result.row(group, "kafka", raw, "2")).hasValueSatisfying(r -> assertThat(r.get(4)).isEqualTo("2"));
    }

    @Test
    void shouldStillShowKafkaAndFailNamingPostgresWhenTheDatabaseIsDown() {
        Result result = pipeline.admin().with("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/none").run("topics");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("writer lag unavailable").contains("127.0.0.1:1");
        assertThat(result.row(pipeline.topic("events.raw"))).isPresent();
        assertThat(result.row(pipeline.prefix() + "event-pipeline-processor", "kafka", pipeline.topic("events.raw"))).isPresent();
    }

    @Test
    void shouldRefuseAnInvalidVariableNamingIt() {
        Result result = pipeline.admin().with("DATABASE_URL", "postgres://db/x").run("topics");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("DATABASE_URL must be a JDBC URL");
        assertThat(pipeline.admin().with("ADMIN_TIMEOUT", "soon").run("topics").err()).contains("ADMIN_TIMEOUT must be a duration");
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, List<Integer> perPartition)
            throws Exception {
        for (int partition = 0; partition < perPartition.size(); partition++) {
            for (int i = 0; i < perPartition.get(partition); i++) {
                producer.send(new ProducerRecord<>(pipeline.topic(topic), partition, "k" + i, utf8("{\"n\":" + i + "}"))).get();
            }
        }
    }
}
