package io.elastickv.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The writes of one applied log entry. They become visible together at one commit timestamp. When a batch
 * writes the same key twice, the later mutation wins.
 */
public final class MutationBatch {
    public static final MutationBatch EMPTY = new MutationBatch(List.of());

    private final List<Mutation> mutations;

    private MutationBatch(final List<Mutation> mutations) {
        this.mutations = mutations;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Mutation> mutations() {
        return mutations;
    }

    public int size() {
        return mutations.size();
    }

    public boolean isEmpty() {
        return mutations.isEmpty();
    }

    public static final class Builder {
        private final List<Mutation> mutations = new ArrayList<>();

        private Builder() {
        }

        public Builder add(final Mutation mutation) {
            mutations.add(mutation);
            return this;
        }

        public Builder put(final byte[] key, final byte[] value) {
            return add(Mutation.put(key, value));
        }

        public Builder put(final byte[] key, final byte[] value, final long expiryMs) {
            return add(Mutation.put(key, value, expiryMs));
        }

        public Builder delete(final byte[] key) {
            return add(Mutation.delete(key));
        }

        public MutationBatch build() {
            return mutations.isEmpty() ? EMPTY : new MutationBatch(Collections.unmodifiableList(
                new ArrayList<>(mutations)));
        }
    }
}
