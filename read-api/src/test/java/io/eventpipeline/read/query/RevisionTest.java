package io.eventpipeline.read.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventpipeline.schemas.Json;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What each answer's revision (the source of its ETag) depends on, and that it never leaks into the JSON. */
class RevisionTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 27, 8, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void shouldFollowTheVersionOfAStreamHead() {
        AggregateView v1 = new AggregateView("order", "o-1", 1, UUID.randomUUID(), "order.placed", 1, AT);
        AggregateView v1Again = new AggregateView("order", "o-1", 1, v1.lastEventId(), "order.placed", 1, AT);
        AggregateView v2 = new AggregateView("order", "o-1", 2, UUID.randomUUID(), "order.paid", 2, AT.plusSeconds(1));

        assertThat(v1.revision()).isEqualTo(v1Again.revision()).isNotEqualTo(v2.revision());
    }

    @Test
    void shouldChangeAnEventPageOnlyWhenAnAppendReachesIt() {
        EventPage twoOfTwo = new EventPage("cart", "c-1", 1, 2, List.of(event(1), event(2)));
        EventPage twoOfThree = new EventPage("cart", "c-1", 1, 2, List.of(event(1), event(2)));
        EventPage threeOfThree = new EventPage("cart", "c-1", 1, 10, List.of(event(1), event(2), event(3)));
        EventPage empty = new EventPage("cart", "c-1", 5, 10, List.of());

        assertThat(twoOfTwo.revision()).isEqualTo(twoOfThree.revision()).isNotEqualTo(threeOfThree.revision());
        assertThat(empty.revision()).isNotEqualTo(twoOfTwo.revision());
    }

    @Test
    void shouldChangeAMemoryListWhenAMemoryJoinsOrLeavesIt() {
        MemoryList ab = new MemoryList("u-1", 10, List.of(memory("a"), memory("b")));
        MemoryList abAgain = new MemoryList("u-1", 10, List.of(memory("a"), memory("b")));
        MemoryList cab = new MemoryList("u-1", 10, List.of(memory("c"), memory("a"), memory("b")));
        MemoryList a = new MemoryList("u-1", 10, List.of(memory("a")));
        // Ids that would run together if they were simply concatenated.
        MemoryList joined = new MemoryList("u-1", 10, List.of(memory("a\nb")));

        assertThat(ab.revision()).isEqualTo(abAgain.revision());
        assertThat(List.of(cab.revision(), a.revision(), joined.revision())).doesNotContain(ab.revision()).doesNotHaveDuplicates();
    }

    @Test
    void shouldChangeAnMcpContextWhenItsDataIsOverwritten() {
        McpContextView first = context("c-1", "{\"tool\":\"search\",\"q\":\"a\"}");
        McpContextView same = context("c-1", "{\"q\":\"a\",\"tool\":\"search\"}");
        McpContextView second = context("c-1", "{\"tool\":\"search\",\"q\":\"b\"}");

        assertThat(first.revision()).isEqualTo(context("c-1", "{\"tool\":\"search\",\"q\":\"a\"}").revision());
        assertThat(second.revision()).isNotEqualTo(first.revision());
        assertThat(McpContextView.revisionOf(List.of(first))).isNotEqualTo(McpContextView.revisionOf(List.of(second)))
                .isNotEqualTo(McpContextView.revisionOf(List.of()));
        assertThat(same.data()).isNotNull();
    }

    @Test
    void shouldNeverWriteTheRevisionIntoTheJson() {
        String json = Json.MAPPER.writeValueAsString(new AggregateView("order", "o-1", 3, UUID.randomUUID(), "x", 3, AT));

        assertThat(json).doesNotContain("revision").contains("\"version\":3");
    }

    private static EventView event(long version) {
        return new EventView(new UUID(0, version), version, "cart.item.added", AT, AT, Json.MAPPER.readTree("{}"), null);
    }

    private static MemoryView memory(String id) {
        return new MemoryView(id, "u-1", "content of " + id, AT);
    }

    private static McpContextView context(String id, String json) {
        return new McpContextView(id, Json.MAPPER.readTree(json), AT);
    }
}
