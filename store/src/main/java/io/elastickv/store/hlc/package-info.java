/**
 * Hybrid logical clock: the source of MVCC timestamps. {@link io.elastickv.store.hlc.HybridLogicalClock}
 * issues strictly increasing 64-bit timestamps that track wall-clock time, merges timestamps received from
 * other nodes, and supports the physical ceiling a Raft leader replicates so that its successor's timestamps
 * order after every one it issued.
 */
package io.elastickv.store.hlc;
