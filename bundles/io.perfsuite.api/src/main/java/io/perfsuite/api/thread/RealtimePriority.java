// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.thread;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Puts the calling thread under Linux's real-time round-robin policy ({@code SCHED_RR}) at a chosen priority, the
 * way JACK and PipeWire run their audio threads: a real-time thread that wakes preempts every normal thread at
 * once, so a machine saturated by other programs no longer delays it by a time slice. It needs the privilege to
 * (root, {@code CAP_SYS_NICE}, or an {@code rtprio} limit in {@code /etc/security/limits.d}, which Linux audio
 * distributions grant the {@code audio} group); without it the thread stays as it was and the reason is returned.
 *
 * <p>Java has no call for it; the thread finds its own kernel id in {@code /proc/thread-self} and has util-linux's
 * {@code chrt} change it, which works on every Java version. The kernel keeps real-time threads from taking more
 * than 95 % of a core ({@code sched_rt_runtime_us}), so a runaway thread cannot lock the machine up.
 *
 * <p>For the threads that must keep time: the audio engine's (live input only) and the MIDI scheduler's, and a
 * third party's transport or output thread. Stateless; called once, on the thread itself, before its loop starts
 * (it allocates and starts a process), never on a real-time path.
 */
public final class RealtimePriority {

    /** The highest priority accepted; above the kernel's threaded interrupt handlers (50) is not wanted. */
    public static final int MAX = 49;

    private RealtimePriority() {
    }

    /**
     * @param priority 1 to {@value #MAX}, or 0 to leave the thread alone
     * @return null when the thread now runs under SCHED_RR at that priority, else why not
     */
    public static String apply(int priority) {
        if (priority <= 0) {
            return "not asked";
        }
        if (priority > MAX) {
            return "priority " + priority + " is above " + MAX;
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "not Linux";
        }
        String tid = threadId();
        if (tid == null) {
            return "cannot read the thread's id from /proc/thread-self";
        }
        try {
            Process p = new ProcessBuilder(List.of("chrt", "--rr", "-p", Integer.toString(priority), tid))
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "chrt did not finish";
            }
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                return "chrt refused: " + (said.isEmpty() ? "exit " + p.exitValue() : said.lines().findFirst()
                        .orElse(said));
            }
            String policy = currentPolicy();
            return policy.equals("SCHED_RR " + priority) ? null : "still " + policy + " after chrt";
        } catch (IOException e) {
            return "cannot run chrt (util-linux): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** @return the calling thread's kernel id, from the link /proc/thread-self = "pid/task/tid", or null */
    public static String threadId() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            String tid = link.substring(link.lastIndexOf('/') + 1);
            return tid.chars().allMatch(Character::isDigit) && !tid.isEmpty() ? tid : null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /**
     * @return the calling thread's policy and real-time priority as "SCHED_RR 20" or "SCHED_OTHER 0", from
     *         fields 40 and 41 of /proc/thread-self/stat, or "unknown"
     */
    public static String currentPolicy() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            int rtPriority = Integer.parseInt(f[37]); // field 40; the fields after the name start at 3
            int policy = Integer.parseInt(f[38]);     // field 41
            String name = switch (policy) {
                case 0 -> "SCHED_OTHER";
                case 1 -> "SCHED_FIFO";
                case 2 -> "SCHED_RR";
                case 3 -> "SCHED_BATCH";
                case 5 -> "SCHED_IDLE";
                case 6 -> "SCHED_DEADLINE";
                default -> "policy " + policy;
            };
            return name + " " + rtPriority;
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
