package io.elastickv.raft.node;

import io.elastickv.common.Checks;
import java.nio.file.Path;
import java.util.List;

/**
 * Who a node is and where it keeps its data.
 *
 * @param self         this node's id and Raft address
 * @param dataDirectory root of the node's data: {@code raft/} (Ratis log and snapshots) and {@code groups/} (stores)
 * @param initialPeers the data group's members when it is created here (bootstrap, self included); empty
 *                     when the node joins an existing group and waits to be added to it
 */
public record NodeSpec(PeerAddress self, Path dataDirectory, List<PeerAddress> initialPeers) {
    public NodeSpec {
        Checks.requireNonNull("self", self);
        Checks.requireNonNull("dataDirectory", dataDirectory);
        initialPeers = List.copyOf(Checks.requireNonNull("initialPeers", initialPeers));
        if (!initialPeers.isEmpty() && initialPeers.stream().noneMatch(p -> p.id().equals(self.id()))) {
            throw new IllegalArgumentException("initialPeers=" + initialPeers + " must include self=" + self);
        }
    }
}
