// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.perfsuite.api.band.Bandmate;
import io.perfsuite.api.band.Role;
import io.perfsuite.audio.FileAnalysis;
import io.perfsuite.cli.internal.jobs.AnalyseJob;
import io.perfsuite.cli.internal.jobs.DemoJob;
import io.perfsuite.cli.internal.jobs.EvaluateJob;
import io.perfsuite.cli.internal.jobs.LiveDemo;
import io.perfsuite.cli.internal.jobs.RenderJob;

/**
 * Runs one command-line job inside the runtime, then ends the process with the job's exit code. The launcher starts
 * the runtime with the framework property {@value #JOB} (analyse, evaluate) and the job's arguments, one per line,
 * in {@value #ARGS}; without {@value #JOB} this component does nothing (the show runtime).
 *
 * <p>The job runs once the framework has started every bundle, so it uses the analysers exactly as the show would
 * find them through Declarative Services.
 */
@Component(immediate = true, configurationPolicy = ConfigurationPolicy.IGNORE)
public class JobRunner {

    /** Framework property naming the job. */
    public static final String JOB = "perfsuite.job";
    /** Framework property with the job's arguments, one per line. */
    public static final String ARGS = "perfsuite.job.args";
    /** Framework property: play the demo live in this (full) runtime, writing to this folder, then end. */
    public static final String LIVE_DEMO = "perfsuite.demo.live";

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final BundleContext context;
    private final FileAnalysis analysis;
    private final CountDownLatch started = new CountDownLatch(1);
    private final FrameworkListener listener = e -> {
        if (e.getType() == FrameworkEvent.STARTED) {
            started.countDown();
        }
    };
    private Thread thread;

    /**
     * @param context  this bundle's context
     * @param analysis the file analysis service of the audio engine
     */
    @Activate
    public JobRunner(BundleContext context, @Reference FileAnalysis analysis) {
        this.context = context;
        this.analysis = analysis;
        String configured = context.getProperty(JOB);
        String liveDemo = context.getProperty(LIVE_DEMO);
        String job = configured != null && !configured.isBlank() ? configured
                : liveDemo != null && !liveDemo.isBlank() ? "demo-live" : null;
        if (job == null) {
            return;
        }
        context.addFrameworkListener(listener);
        if (context.getBundle(0).getState() == Bundle.ACTIVE) {
            started.countDown(); // the framework had already finished starting when this bundle came up
        }
        String args = context.getProperty(ARGS);
        List<String> list = args == null || args.isEmpty() ? List.of()
                : Arrays.stream(args.split("\n")).filter(a -> !a.isEmpty()).toList();
        thread = new Thread(() -> runAndExit(job.trim(), list), "perfsuite-job");
        thread.start();
    }

    @Deactivate
    void deactivate() {
        context.removeFrameworkListener(listener);
    }

    private void runAndExit(String job, List<String> args) {
        int code;
        try {
            if (!started.await(2, TimeUnit.MINUTES)) {
                System.err.println("perfsuite: the runtime did not finish starting within 2 minutes");
                code = 1;
            } else {
                code = run(job, args, System.out, System.err);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        } catch (RuntimeException e) {
            LOG.error("Job {} failed", job, e);
            System.err.println("perfsuite: " + job + " failed: " + e);
            code = 1;
        }
        System.out.flush();
        System.err.flush();
        // The exit code is the job's: System.exit before anything stops the framework (the launcher would end the
        // process with its own code once the framework stopped); the shutdown hooks still run.
        System.exit(code);
    }

    /**
     * Parses the arguments of a job and runs it.
     *
     * @param job  "analyse" or "evaluate"
     * @param args the job's arguments
     * @param out  where results go
     * @param err  where errors go
     * @return the process exit code: 0 done, 1 failed, 2 usage error
     */
    int run(String job, List<String> args, PrintStream out, PrintStream err) {
        if (job.equals("demo-live")) {
            return liveDemo(Path.of(context.getProperty(LIVE_DEMO).trim()), out, err);
        }
        if (job.equals("render")) {
            return new RenderJob().run(analysis, new InstalledBand(context), args, out, err);
        }
        if (job.equals("demo")) {
            return new DemoJob().run(analysis, new InstalledBand(context), args, out, err);
        }
        boolean json = false;
        List<String> paths = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--json")) {
                json = true;
            } else if (a.startsWith("-")) {
                err.println("perfsuite " + job + ": unknown option '" + a + "'");
                return 2;
            } else {
                paths.add(a);
            }
        }
        if (paths.size() != 1) {
            err.println("perfsuite " + job + ": give exactly one " + (job.equals("analyse") ? "FILE" : "PATH")
                    + ", got " + paths.size());
            return 2;
        }
        Path path = Path.of(paths.get(0));
        return switch (job) {
            case "analyse", "analyze" -> new AnalyseJob().run(analysis, path, json, out, err);
            case "evaluate" -> new EvaluateJob().run(analysis, path, json, out, err);
            default -> {
                err.println("perfsuite: unknown job '" + job + "'");
                yield 2;
            }
        };
    }

    private int liveDemo(Path dir, PrintStream out, PrintStream err) {
        long deadline = System.currentTimeMillis() + 30_000;
        ServiceReference<org.osgi.service.cm.ConfigurationAdmin> cm = null;
        ServiceReference<io.perfsuite.api.session.SessionManager> sm = null;
        while ((cm == null || sm == null) && System.currentTimeMillis() < deadline) {
            cm = context.getServiceReference(org.osgi.service.cm.ConfigurationAdmin.class);
            sm = context.getServiceReference(io.perfsuite.api.session.SessionManager.class);
            if (cm == null || sm == null) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
        }
        if (cm == null || sm == null) {
            err.println("demo: the runtime has no " + (cm == null ? "Configuration Admin" : "session manager"));
            return 1;
        }
        // the band's plugins arrive from the plugins folder after the framework started
        InstalledBand band = new InstalledBand(context);
        band.take();
        band.release();
        List<String> clicks = band.clickIds();
        try {
            return new LiveDemo(context.getService(cm), context.getService(sm)).run(dir, clicks, out, err);
        } finally {
            context.ungetService(cm);
            context.ungetService(sm);
        }
    }

    /**
     * The bandmates installed in this runtime (the plugins folder), each as a fresh instance for one render: the
     * bandmate plugins are prototype-scope services. A click track (role CLICK) is left out. Plugins are installed by
     * the folder watcher after the framework started, so the band is taken once the set of bandmate services has
     * stayed the same for {@value #SETTLE_MILLIS} ms (at most {@value #WAIT_MILLIS} ms).
     */
    static final class InstalledBand implements RenderJob.Band {
        static final long SETTLE_MILLIS = 1500;
        static final long WAIT_MILLIS = 30_000;

        private final BundleContext context;
        private final List<ServiceObjects<Bandmate>> factories = new ArrayList<>();
        private final List<Bandmate> taken = new ArrayList<>();
        private final List<String> clicks = new ArrayList<>();

        /** @return the ids of the click tracks left out by the last {@link #take} */
        List<String> clickIds() {
            return List.copyOf(clicks);
        }

        InstalledBand(BundleContext context) {
            this.context = context;
        }

        private List<ServiceReference<Bandmate>> references() {
            try {
                return new ArrayList<>(context.getServiceReferences(Bandmate.class, null));
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e); // no filter
            }
        }

        @Override
        public List<Bandmate> take() {
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            List<ServiceReference<Bandmate>> seen = references();
            long stableSince = System.currentTimeMillis();
            while (System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                List<ServiceReference<Bandmate>> now = references();
                if (!now.equals(seen)) {
                    seen = now;
                    stableSince = System.currentTimeMillis();
                } else if (!now.isEmpty() && System.currentTimeMillis() - stableSince >= SETTLE_MILLIS) {
                    break;
                }
            }
            seen.sort(null);
            java.util.Collections.reverse(seen); // highest ranking, then oldest first
            for (ServiceReference<Bandmate> ref : seen) {
                ServiceObjects<Bandmate> f = context.getServiceObjects(ref);
                Bandmate b = f == null ? null : f.getService();
                if (b == null) {
                    continue;
                }
                Role role;
                try {
                    role = b.role();
                } catch (RuntimeException e) {
                    LOG.warn("Bandmate {} left out of the render: {}", ref, e.toString());
                    f.ungetService(b);
                    continue;
                }
                if (role == Role.CLICK) {
                    clicks.add(b.id());
                    f.ungetService(b);
                    continue;
                }
                factories.add(f);
                taken.add(b);
            }
            return List.copyOf(taken);
        }

        @Override
        public void release() {
            for (int i = 0; i < taken.size(); i++) {
                try {
                    factories.get(i).ungetService(taken.get(i));
                } catch (RuntimeException e) {
                    LOG.debug("Bandmate already gone", e);
                }
            }
            taken.clear();
            factories.clear();
        }
    }
}
