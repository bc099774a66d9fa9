package io.elastickv.server;

import io.elastickv.common.config.Config;
import io.elastickv.raft.node.ClusterAdmin;
import io.elastickv.raft.node.GroupStatus;
import io.elastickv.raft.node.PeerAddress;
import io.elastickv.server.cli.Addresses;
import io.elastickv.raft.node.NodeConfigKeys;
import io.elastickv.server.cli.Flags;
import io.elastickv.server.cli.Flags.Flag;
import io.elastickv.server.cli.UsageException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code elastickv admin <action>}: cluster status and membership through one running member. */
final class AdminCommand {
    static final List<Flag> FLAGS = List.of(
        new Flag("member", "id=host:port", null, "a running member to talk through (required)"),
        new Flag("node", "id=host:port", null, "add-node: the node to add (started with --join or no peers)"),
        new Flag("node-id", "id", null, "remove-node, transfer-leader: the node concerned"),
        new Flag("timeout-ms", "ms", "10000", "transfer-leader: how long to wait for the new leader"),
        new Flag("help", null, null, "print this help"));

    private static final String USAGE = "elastickv admin status|add-node|remove-node|transfer-leader --member id=host:port"
        + " [flags]";

    private AdminCommand() {
    }

    static int run(final String[] args, final PrintStream out) throws Exception {
        if (args.length == 0 || args[0].startsWith("--")) {
            if (Arrays.asList(args).contains("--help")) {
                out.print(Flags.help(USAGE, "Inspects or changes the cluster a member belongs to.", FLAGS, List.of()));
                return 0;
            }
            throw new UsageException("admin needs an action: status, add-node, remove-node or transfer-leader");
        }
        final String action = args[0];
        final Flags flags = Flags.parse(Arrays.copyOfRange(args, 1, args.length), FLAGS, NodeConfigKeys.list());
        if (flags.has("help")) {
            out.print(Flags.help(USAGE, "Inspects or changes the cluster a member belongs to.", FLAGS, List.of()));
            return 0;
        }
        if (!flags.has("member")) {
            throw new UsageException("--member id=host:port is required");
        }
        final PeerAddress member = Addresses.peer("member", flags.get("member"));
        final Config config = flags.config();
        switch (action) {
            case "status":
                try (ClusterAdmin admin = ClusterAdmin.connect(member, config)) {
                    final GroupStatus status = admin.status();
                    out.println("node:     " + status.nodeId());
                    out.println("role:     " + status.role());
                    out.println("term:     " + status.term());
                    out.println("leader:   " + (status.leaderId() == null ? "(unknown)" : status.leaderId()));
                    out.println("commit:   " + status.commitIndex());
                    out.println("applied:  " + status.appliedIndex());
                    out.println("peers:    " + String.join(",", status.peers()));
                }
                return 0;
            case "add-node":
                final PeerAddress node = Addresses.peer("node", require(flags, "node"));
                try (ClusterAdmin admin = ClusterAdmin.connect(member, config)) {
                    admin.addNode(node);
                }
                out.println("added " + node);
                return 0;
            case "remove-node":
                final String removed = require(flags, "node-id");
                try (ClusterAdmin admin = ClusterAdmin.connect(member, config)) {
                    admin.removeNode(removed);
                }
                out.println("removed " + removed);
                return 0;
            case "transfer-leader":
                final String target = require(flags, "node-id");
                try (ClusterAdmin admin = ClusterAdmin.connect(member, config)) {
                    admin.transferLeadership(target, Long.parseLong(flags.get("timeout-ms")));
                }
                out.println("leadership moved to " + target);
                return 0;
            default:
                throw new UsageException("unknown admin action '" + action + "'");
        }
    }

    private static String require(final Flags flags, final String name) throws UsageException {
        if (!flags.has(name)) {
            throw new UsageException("--" + name + " is required for this action");
        }
        return flags.get(name);
    }
}
