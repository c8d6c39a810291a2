package io.eventpipeline.processor.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * A window store held in a sorted map, for driving the processor alone in a {@code MockProcessorContext}
 * (which cannot host Kafka Streams' own window stores). Entries are ordered by time, oldest first,
 * like the segmented RocksDB store; retention is not enforced, so the processor's own window check is tested.
 */
final class TreeWindowStore implements WindowStore<DedupKey, SeenEvent> {

    private final String name;
    private final TreeMap<Long, Map<DedupKey, SeenEvent>> byTime = new TreeMap<>();
    private boolean open;

    TreeWindowStore(String name) {
        this.name = name;
    }

    @Override
    public void put(DedupKey key, SeenEvent value, long windowStartTimestamp) {
        byTime.computeIfAbsent(windowStartTimestamp, t -> new LinkedHashMap<>()).put(key, value);
    }

    @Override
    public SeenEvent fetch(DedupKey key, long time) {
        Map<DedupKey, SeenEvent> at = byTime.get(time);
        return at == null ? null : at.get(key);
    }

    @Override
    public WindowStoreIterator<SeenEvent> fetch(DedupKey key, long timeFrom, long timeTo) {
        List<KeyValue<Long, SeenEvent>> hits = new ArrayList<>();
        byTime.subMap(timeFrom, true, timeTo, true).forEach((t, m) -> {
            if (m.containsKey(key)) {
                hits.add(KeyValue.pair(t, m.get(key)));
            }
        });
        return new TimeIterator<>(hits);
    }

    @Override
    public WindowStoreIterator<SeenEvent> fetch(DedupKey key, Instant timeFrom, Instant timeTo) {
        return fetch(key, timeFrom.toEpochMilli(), timeTo.toEpochMilli());
    }

    @Override
    public KeyValueIterator<Windowed<DedupKey>, SeenEvent> fetch(DedupKey keyFrom, DedupKey keyTo, long timeFrom, long timeTo) {
        throw new UnsupportedOperationException("the dedup processor never scans key ranges");
    }

    @Override
    public KeyValueIterator<Windowed<DedupKey>, SeenEvent> fetch(DedupKey keyFrom, DedupKey keyTo, Instant from, Instant to) {
        throw new UnsupportedOperationException("the dedup processor never scans key ranges");
    }

    @Override
    public KeyValueIterator<Windowed<DedupKey>, SeenEvent> fetchAll(long timeFrom, long timeTo) {
        List<KeyValue<Windowed<DedupKey>, SeenEvent>> all = new ArrayList<>();
        byTime.subMap(timeFrom, true, timeTo, true).forEach((t, m) -> m.forEach((k, v) ->
                all.add(KeyValue.pair(new Windowed<>(k, new TimeWindow(t, t + 1)), v))));
        all.sort(Comparator.comparingLong(kv -> kv.key.window().start()));
        return new ListIterator<>(all);
    }

    @Override
    public KeyValueIterator<Windowed<DedupKey>, SeenEvent> fetchAll(Instant timeFrom, Instant timeTo) {
        return fetchAll(timeFrom.toEpochMilli(), timeTo.toEpochMilli());
    }

    @Override
    public KeyValueIterator<Windowed<DedupKey>, SeenEvent> all() {
        return fetchAll(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        open = true;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private static class ListIterator<K, V> implements KeyValueIterator<K, V> {

        private final List<KeyValue<K, V>> items;
        private int position;

        ListIterator(List<KeyValue<K, V>> items) {
            this.items = items;
        }

        @Override
        public boolean hasNext() {
            return position < items.size();
        }

        @Override
        public KeyValue<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return items.get(position++);
        }

        @Override
        public K peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return items.get(position).key;
        }

        @Override
        public void close() {
        }
    }

    private static final class TimeIterator<V> extends ListIterator<Long, V> implements WindowStoreIterator<V> {

        TimeIterator(List<KeyValue<Long, V>> items) {
            super(items);
        }
    }
}
