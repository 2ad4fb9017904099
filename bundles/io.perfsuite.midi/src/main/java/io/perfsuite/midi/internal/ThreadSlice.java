// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.midi.internal;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Asks Linux for a short time slice for the calling thread: {@code sched_setattr} with {@code sched_runtime} on a
 * normal (SCHED_OTHER) thread, which the EEVDF scheduler (Linux 6.12 and later) takes as the thread's slice. A short
 * slice gives the thread an early virtual deadline when it wakes, so it preempts a busy thread at once instead of
 * waiting for that thread's slice to end: on a 2-core machine saturated by other processes it took the scheduler
 * thread's p99 timing error from 0.2-1.4 ms to 14-207 µs (SchedulerBenchmark, a few runs each). It needs no
 * privilege (the thread keeps its policy and nice value; checked as an unprivileged user) and changes nothing on older
 * kernels, which ignore the field. macOS and Windows: nothing is done.
 *
 * <p>Java has no call for it: this uses the Foreign Function API (Java 22 and later) through reflection, so the bundle
 * still builds and runs on Java 17, where {@link #apply} just says why not. The JVM prints a warning for the native
 * call unless started with {@code --enable-native-access=ALL-UNNAMED}. Stateless; called once, on the thread itself,
 * before its loop starts (it allocates).
 */
final class ThreadSlice {

    private ThreadSlice() {
    }

    /**
     * @param sliceNanos the slice wanted (the kernel clamps it to 0.1..100 ms), or 0 to leave it alone
     * @return null when it was applied, else why not
     */
    static String apply(long sliceNanos) {
        if (sliceNanos <= 0) {
            return "not asked";
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        long sysSetattr = switch (arch) {
            case "amd64", "x86_64" -> 314;
            case "aarch64" -> 274;
            default -> -1;
        };
        if (!os.contains("linux") || sysSetattr < 0) {
            return "not Linux on x86-64 or arm64";
        }
        Integer nice = currentNice();
        if (nice == null) {
            return "cannot read the thread's nice value";
        }
        try {
            Class<?> linkerC = Class.forName("java.lang.foreign.Linker");
            Class<?> lookupC = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> layoutC = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueLayoutC = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> descriptorC = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> optionC = Class.forName("java.lang.foreign.Linker$Option");
            Class<?> segmentC = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> arenaC = Class.forName("java.lang.foreign.Arena");
            Object longLayout = valueLayoutC.getField("JAVA_LONG").get(null);
            Object intLayout = valueLayoutC.getField("JAVA_INT").get(null);
            Object address = valueLayoutC.getField("ADDRESS").get(null);

            Object linker = linkerC.getMethod("nativeLinker").invoke(null);
            Object lookup = linkerC.getMethod("defaultLookup").invoke(linker);
            Optional<?> syscall = (Optional<?>) lookupC.getMethod("find", String.class).invoke(lookup, "syscall");
            if (syscall.isEmpty()) {
                return "no syscall() in the C library";
            }
            // long syscall(long number, ...): here (number, pid_t tid, struct sched_attr *attr, unsigned flags)
            Object args = Array.newInstance(layoutC, 4);
            Array.set(args, 0, longLayout);
            Array.set(args, 1, longLayout);
            Array.set(args, 2, address);
            Array.set(args, 3, longLayout);
            Object descriptor = descriptorC.getMethod("of", layoutC, args.getClass()).invoke(null, longLayout, args);
            Object options = Array.newInstance(optionC, 1);
            Array.set(options, 0, optionC.getMethod("firstVariadicArg", int.class).invoke(null, 1));
            MethodHandle call = (MethodHandle) linkerC.getMethod("downcallHandle", segmentC, descriptorC,
                    options.getClass()).invoke(linker, syscall.get(), descriptor, options);

            Object arena = arenaC.getMethod("ofConfined").invoke(null);
            try {
                // struct sched_attr, version 1 (56 bytes, zeroed): size, policy 0 = SCHED_OTHER, flags, nice,
                // priority, runtime (the slice), deadline, period, util_min, util_max
                Object attr = arenaC.getMethod("allocate", long.class, long.class).invoke(arena, 56L, 8L);
                Method setInt = segmentC.getMethod("set", Class.forName("java.lang.foreign.ValueLayout$OfInt"),
                        long.class, int.class);
                Method setLong = segmentC.getMethod("set", Class.forName("java.lang.foreign.ValueLayout$OfLong"),
                        long.class, long.class);
                setInt.invoke(attr, intLayout, 0L, 56);
                setInt.invoke(attr, intLayout, 16L, nice);
                setLong.invoke(attr, longLayout, 24L, sliceNanos);
                long result = (long) call.invokeWithArguments(sysSetattr, 0L, attr, 0L); // 0: the calling thread
                return result == 0 ? null : "sched_setattr failed";
            } finally {
                arenaC.getMethod("close").invoke(arena);
            }
        } catch (ClassNotFoundException e) {
            return "Java " + Runtime.version().feature() + " has no Foreign Function API (22 and later)";
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null
                    ? e.getCause() : e;
            return cause.toString();
        }
    }

    /** @return the calling thread's nice value (field 19 of /proc/thread-self/stat), or null */
    private static Integer currentNice() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(f[16]); // fields after the name start at 3 (state)
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
