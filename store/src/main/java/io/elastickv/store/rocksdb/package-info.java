/**
 * {@link io.elastickv.store.MvccStore} on RocksDB: the store and its readers, the read algorithms, the
 * garbage collector and its horizon, the options and native lifetime of a RocksDB instance, and the
 * directory layout that makes checkpoint installation crash-safe.
 */
package io.elastickv.store.rocksdb;
