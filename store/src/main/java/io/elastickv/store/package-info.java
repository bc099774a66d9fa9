/**
 * The storage API: a multi-version key-value store ({@link io.elastickv.store.MvccStore}) that the Raft
 * layer applies batches to and serves reads from. Nothing here depends on RocksDB; the implementation is
 * in {@code io.elastickv.store.rocksdb}, the on-disk encodings in {@code io.elastickv.store.codec}, the
 * clock that produces timestamps in {@code io.elastickv.store.hlc}.
 */
package io.elastickv.store;
