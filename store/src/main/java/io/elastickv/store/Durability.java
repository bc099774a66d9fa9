package io.elastickv.store;

/** How an applied batch is made durable by the store itself. */
public enum Durability {
    /**
     * Every {@code apply} is written to RocksDB's write-ahead log and fsynced before it returns. For use
     * without a replicated log in front of the store.
     */
    SYNC_WAL,
    /**
     * {@code apply} writes only to the memtable; data becomes durable when RocksDB flushes (all column
     * families atomically, so data and applied index always agree). After a crash the store reopens at the
     * last flushed applied index and the caller replays its own log from there. The Raft node uses this
     * mode: the Raft log already is the write-ahead log, and a second fsync per entry would halve throughput.
     */
    NO_WAL
}
