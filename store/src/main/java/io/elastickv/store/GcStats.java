package io.elastickv.store;

/**
 * Progress of the version garbage collector, cumulative since the store was opened.
 *
 * @param horizon           reads below this timestamp are refused; versions only they could see are gone
 * @param slices            bounded GC steps run
 * @param passes            complete walks over the key space
 * @param versionsScanned   versions examined
 * @param versionsRemoved   versions removed in all (includes the two counts below)
 * @param tombstonesRemoved delete markers removed once nothing older could be seen through them
 * @param expiredRemoved    expired values removed
 */
public record GcStats(long horizon, long slices, long passes, long versionsScanned, long versionsRemoved,
                      long tombstonesRemoved, long expiredRemoved) {
}
