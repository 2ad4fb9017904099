// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.jobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a job printed on its two streams, and its exit code. */
record JobOutput(int exit, String out, String err) {

    /** A job run against two in-memory streams. */
    interface Job {
        int run(PrintStream out, PrintStream err);
    }

    /**
     * @param job the job
     * @return what it printed and returned
     */
    static JobOutput of(Job job) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = job.run(o, e);
        }
        return new JobOutput(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
