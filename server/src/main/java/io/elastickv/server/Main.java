package io.elastickv.server;

import io.elastickv.server.cli.UsageException;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code elastickv} command: {@code start} runs one node, {@code cluster-local} runs a local cluster of
 * node processes, {@code admin} inspects and changes a running cluster.
 */
public final class Main {
    static final String USAGE = String.join("\n",
        "usage: elastickv <command> [flags]",
        "",
        "commands:",
        "  start            run one node (no flags: a single-node cluster, data in ./data)",
        "  cluster-local    run a local cluster of node processes (--nodes 3)",
        "  admin status | add-node | remove-node | transfer-leader",
        "                   inspect or change a running cluster",
        "",
        "run 'elastickv <command> --help' for the flags of a command");

    private Main() {
    }

    public static void main(final String[] args) {
        final int code = run(args, System.out, System.err);
        if (code != StartCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }

    /** Runs a command; returns its exit status, or {@link StartCommand#KEEP_RUNNING} for a started node. */
    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        final String command = args.length == 0 ? "start" : args[0];
        final String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (command) {
                case "start":
                    return StartCommand.run(rest, out);
                case "cluster-local":
                    return ClusterLocalCommand.run(rest, out);
                case "admin":
                    return AdminCommand.run(rest, out);
                case "help":
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                default:
                    throw new UsageException("unknown command '" + command + "'\n" + USAGE);
            }
        } catch (UsageException e) {
            err.println("elastickv: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("elastickv: " + e.getMessage());
            return 1;
        }
    }
}
