package io.eventpipeline.processor.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps RocksDB's off-heap memory for the whole instance, whatever the number of tasks: every store
 * shares one block cache, and memtables are charged to that same cache through a write buffer manager
 * (the recipe of Kafka Streams' memory-management guide). Without it each store instance (two stores
 * per partition) gets its own block cache and memtables, and the process grows with the partition count.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Total bytes for block cache plus memtables, shared by all stores of this JVM. */
    public static final long TOTAL_BYTES = 64L * 1024 * 1024;
    private static final long MEMTABLE_BYTES = TOTAL_BYTES / 4;
    private static final double INDEX_FILTER_RATIO = 0.1;

    // Shared by every store instance on purpose: that is what bounds the total.
    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, INDEX_FILTER_RATIO);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(8L * 1024 * 1024);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store: never closed per store.
    }
}
