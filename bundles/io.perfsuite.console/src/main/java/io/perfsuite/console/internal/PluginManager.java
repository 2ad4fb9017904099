// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.perfsuite.api.band.Bandmate;

/**
 * Installs, updates (with rollback) and uninstalls plugin bundles, each only after {@link ResolveCheck} says it
 * would resolve. A jar the console installs is kept in this bundle's data area and installed from there, so its
 * location is a file the next update can roll back to. Calls are serialised: two updates at once would each roll
 * back to a state the other changed.
 */
final class PluginManager {

    /** The manifest header that marks a plugin. */
    static final String PLUGIN_HEADER = "Perfsuite-Plugin";
    /** The largest jar accepted, in bytes. */
    static final int MAX_BYTES = 20 * 1024 * 1024;
    private static final long REFRESH_SECONDS = 30;
    /** How long an updated bundle's components are watched for a failed activation. */
    static final long SETTLE_MILLIS = 2000;

    /** A plugin as the page lists it. */
    record Plugin(long id, String symbolicName, String version, String state, String location,
            List<String> bandmates) {
    }

    /** Raised with a message for the user; {@code conflict} when the state refuses it rather than the input. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final boolean conflict;

        Refused(String message, boolean conflict) {
            super(message);
            this.conflict = conflict;
        }
    }

    private final BundleContext context;

    PluginManager(BundleContext context) {
        this.context = context;
    }

    /** Whether a bundle is a plugin: the header, or a bandmate by name. */
    static boolean isPlugin(Bundle b) {
        String bsn = b.getSymbolicName();
        return b.getHeaders("").get(PLUGIN_HEADER) != null
                || (bsn != null && bsn.startsWith("io.perfsuite.bandmate."));
    }

    /** @return the plugin bundles, by id */
    List<Plugin> plugins() {
        List<Plugin> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (!isPlugin(b)) {
                continue;
            }
            List<String> mates = new ArrayList<>();
            ServiceReference<?>[] refs = b.getState() == Bundle.UNINSTALLED ? null : b.getRegisteredServices();
            for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                Object classes = r.getProperty("objectClass");
                if (classes instanceof String[] names && List.of(names).contains(Bandmate.class.getName())) {
                    Object id = r.getProperty(Bandmate.PROP_ID);
                    mates.add((id == null ? "?" : id) + " (service " + r.getProperty("service.id") + ")");
                }
            }
            out.add(new Plugin(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), state(b),
                    b.getLocation(), mates));
        }
        return out;
    }

    static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> "Active";
            case Bundle.RESOLVED -> "Resolved";
            case Bundle.INSTALLED -> "Installed";
            case Bundle.STARTING -> "Starting";
            case Bundle.STOPPING -> "Stopping";
            default -> "Uninstalled";
        };
    }

    /** @return the packages the installed bundles export, leaving out one bundle (the one being updated) */
    List<ResolveCheck.Export> exports(Bundle except) {
        List<ResolveCheck.Export> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.equals(except) || b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            BundleRevision rev = b.adapt(BundleRevision.class);
            if (rev == null) {
                continue;
            }
            for (BundleCapability c : rev.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Object pkg = c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
                Object v = c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                out.add(new ResolveCheck.Export(String.valueOf(pkg), v instanceof Version ver ? ver
                        : Version.emptyVersion));
            }
        }
        return out;
    }

    private Set<String> installedNames() {
        Set<String> names = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null) {
                names.add(b.getSymbolicName());
            }
        }
        return names;
    }

    private ResolveCheck.Result check(byte[] jar, Bundle except) throws Refused {
        ResolveCheck.Result r;
        try {
            r = ResolveCheck.check(ResolveCheck.manifest(jar), exports(except), installedNames());
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage(), false);
        }
        if (!r.ok()) {
            String who = r.symbolicName() == null ? "the bundle" : r.symbolicName() + " " + r.version();
            throw new Refused(who + " would not resolve: " + String.join("; ", r.problems()), false);
        }
        return r;
    }

    /** Installs and starts a plugin, after the resolve check. */
    synchronized Plugin install(byte[] jar) throws Refused {
        ResolveCheck.Result r = check(jar, null);
        for (Bundle b : context.getBundles()) {
            if (r.symbolicName().equals(b.getSymbolicName())) {
                throw new Refused(r.symbolicName() + " is already installed (bundle " + b.getBundleId()
                        + ", version " + b.getVersion() + "): update it instead", true);
            }
        }
        Path file = keep(r, jar);
        Bundle b = null;
        try {
            b = context.installBundle(file.toUri().toString(), new ByteArrayInputStream(jar));
            if (!r.fragment()) {
                b.start();
            }
            return find(b.getBundleId());
        } catch (BundleException | RuntimeException e) {
            if (b != null) {
                try {
                    b.uninstall();
                } catch (BundleException | RuntimeException ignored) {
                    // reported below
                }
            }
            deleteQuietly(file);
            throw new Refused("installing " + r.symbolicName() + " failed: " + e.getMessage(), true);
        }
    }

    /**
     * Updates a plugin from new bytes, after the resolve check; if the new version does not resolve or start, or one
     * of its DS components fails to activate within {@link #SETTLE_MILLIS}, the saved bytes go back in and the
     * failure is reported.
     */
    synchronized Plugin update(long id, byte[] jar) throws Refused {
        Bundle b = plugin(id);
        byte[] saved = currentBytes(b);
        ResolveCheck.Result r = check(jar, b);
        if (!r.symbolicName().equals(b.getSymbolicName())) {
            throw new Refused("the jar is " + r.symbolicName() + ", not " + b.getSymbolicName(), false);
        }
        String failure = apply(b, jar);
        if (failure == null) {
            Path own = ownFile(b);
            if (own != null) {
                try {
                    Files.write(own, jar); // the next update rolls back to this version
                } catch (IOException e) {
                    throw new Refused("updated, but the jar could not be kept for a later rollback: " + e, true);
                }
            }
            return find(id);
        }
        String back = apply(b, saved);
        throw new Refused("updating " + b.getSymbolicName() + " to " + r.version() + " failed (" + failure + "); "
                + (back == null ? "rolled back to " + b.getVersion() : "the rollback failed too: " + back), true);
    }

    /** @return null if the bytes went in, resolved and started, else why not */
    private String apply(Bundle b, byte[] jar) {
        try {
            b.update(new ByteArrayInputStream(jar));
            refresh(b);
            boolean fragment = b.getHeaders("").get("Fragment-Host") != null;
            if (!fragment) {
                b.start();
                String unmade = serviceFailure(b);
                return unmade != null ? unmade : componentFailure(b);
            } else if (b.getState() == Bundle.INSTALLED) {
                return "the fragment did not resolve";
            }
            return null;
        } catch (BundleException | RuntimeException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Asks for each service the bundle registered, as the band would: a DS component that cannot be made (its class
     * missing, its constructor or activate method throwing) gives none. Delayed components are made here, so the
     * check below sees them active.
     *
     * @return null if every service could be had, else which could not
     */
    private String serviceFailure(Bundle b) throws InterruptedException {
        // the framework reports why a service factory failed as an error event (asynchronously), naming the bundle
        // that asked (this one) or the one that registered it: keep them
        BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        Bundle self = context.getBundle();
        FrameworkListener listener = e -> {
            if (e.getType() == FrameworkEvent.ERROR && e.getThrowable() != null
                    && (b.equals(e.getBundle()) || self.equals(e.getBundle()))) {
                errors.offer(e.getThrowable());
            }
        };
        context.addFrameworkListener(listener);
        try {
            ServiceReference<?>[] refs = b.getRegisteredServices();
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                if (!made(ref)) {
                    String component = String.valueOf(ref.getProperty("component.name"));
                    String why = scrFailure(component);
                    if (why == null) {
                        Throwable t = errors.poll(1, TimeUnit.SECONDS);
                        why = t == null ? "no reason was given; the framework's log may have one" : messages(t);
                    }
                    return "its service " + ref.getProperty(Constants.SERVICE_ID) + " (" + String.join(", ",
                            (String[]) ref.getProperty(Constants.OBJECTCLASS)) + ", component " + component
                            + ") could not be made: " + why;
                }
            }
            return null;
        } finally {
            context.removeFrameworkListener(listener);
        }
    }

    /** @return whether the service could be had (or is gone already) */
    private <S> boolean made(ServiceReference<S> ref) {
        ServiceObjects<S> objects = context.getServiceObjects(ref);
        if (objects == null) {
            return true; // unregistered meanwhile: nothing to ask
        }
        S service = objects.getService();
        if (service == null) {
            return false;
        }
        objects.ungetService(service);
        return true;
    }

    /** @return the messages of a throwable and its causes */
    static String messages(Throwable t) {
        List<String> out = new ArrayList<>();
        for (Throwable c = t; c != null && out.size() < 5; c = c.getCause() == c ? null : c.getCause()) {
            out.add(c.toString());
        }
        return String.join(" / ", out);
    }

    /** @return what DS says of a component that could not be made, or null */
    private String scrFailure(String component) {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = ref == null ? null : context.getService(ref);
        try {
            if (scr != null) {
                for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                    if (!d.name.equals(component)) {
                        continue;
                    }
                    for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                        if (c.failure != null) {
                            return withoutStack(c.failure);
                        }
                    }
                }
            }
            return null;
        } finally {
            if (scr != null) {
                context.ungetService(ref);
            }
        }
    }

    /** @return a failure as DS reports it (a stack trace) cut to its messages: the first line and each cause */
    static String withoutStack(String failure) {
        if (failure == null) {
            return "no reason given";
        }
        List<String> kept = new ArrayList<>();
        for (String line : failure.split("\\R")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("at ") && !t.startsWith("...")) {
                kept.add(t);
            }
        }
        return String.join(" / ", kept);
    }

    /**
     * Watches the bundle's DS components for a while after its start: a component whose activation fails (its
     * class missing, its activate method throwing) leaves the bundle Active but its service dead, so that counts as
     * a failed update too. Done waiting early once every component configuration is active; a delayed component
     * nobody uses stays satisfied, and is given the whole settle time.
     *
     * @return null if none failed, else which and why
     */
    private String componentFailure(Bundle b) throws InterruptedException {
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = ref == null ? null : context.getService(ref);
        if (scr == null) {
            return null; // no DS: the bundle's start and its services are all there is to check
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
            while (true) {
                boolean allActive = true;
                for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
                    for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                        if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                            return "component " + d.name + " failed to activate: " + withoutStack(c.failure);
                        }
                        allActive &= c.state == ComponentConfigurationDTO.ACTIVE;
                    }
                }
                if (allActive || System.nanoTime() > deadline) {
                    return null;
                }
                Thread.sleep(50);
            }
        } finally {
            context.ungetService(ref);
        }
    }

    private void refresh(Bundle b) throws InterruptedException, BundleException {
        FrameworkWiring fw = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        FrameworkEvent[] event = new FrameworkEvent[1];
        fw.refreshBundles(List.of(b), e -> {
            event[0] = e;
            done.countDown();
        });
        if (!done.await(REFRESH_SECONDS, TimeUnit.SECONDS)) {
            throw new BundleException("the refresh did not finish within " + REFRESH_SECONDS + " s");
        }
        if (event[0] != null && event[0].getType() == FrameworkEvent.ERROR) {
            throw new BundleException("the refresh failed", event[0].getThrowable());
        }
    }

    /** Uninstalls a plugin (and the jar the console kept for it). */
    synchronized void uninstall(long id) throws Refused {
        Bundle b = plugin(id);
        Path own = ownFile(b);
        try {
            b.uninstall();
        } catch (BundleException | RuntimeException e) {
            throw new Refused("uninstalling " + b.getSymbolicName() + " failed: " + e.getMessage(), true);
        }
        if (own != null) {
            deleteQuietly(own);
        }
        Path watched = watchedFile(b);
        if (watched != null) {
            // hot-deployed from a watched folder: without its file gone, FileInstall would install it again
            deleteQuietly(watched);
        }
    }

    /** @return the bundle's jar when it lies in a folder FileInstall watches (felix.fileinstall.dir), else null */
    private Path watchedFile(Bundle b) {
        Path file = locationFile(b.getLocation());
        String dirs = context.getProperty("felix.fileinstall.dir");
        if (file == null || dirs == null) {
            return null;
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        for (String d : dirs.split(",")) {
            if (!d.isBlank() && Path.of(d.trim()).toAbsolutePath().normalize().equals(parent)) {
                return file;
            }
        }
        return null;
    }

    private Bundle plugin(long id) throws Refused {
        Bundle b = context.getBundle(id);
        if (b == null || b.getState() == Bundle.UNINSTALLED) {
            throw new Refused("no bundle " + id, false);
        }
        if (!isPlugin(b)) {
            throw new Refused("bundle " + id + " (" + b.getSymbolicName() + ") is not a plugin", false);
        }
        return b;
    }

    private Plugin find(long id) {
        for (Plugin p : plugins()) {
            if (p.id() == id) {
                return p;
            }
        }
        Bundle b = context.getBundle(id);
        return new Plugin(id, b == null ? null : b.getSymbolicName(), b == null ? "" : b.getVersion().toString(),
                b == null ? "Uninstalled" : state(b), b == null ? "" : b.getLocation(), List.of());
    }

    /** The bytes to roll back to: the file the bundle's location names. */
    private static byte[] currentBytes(Bundle b) throws Refused {
        Path file = locationFile(b.getLocation());
        if (file == null || !Files.isRegularFile(file)) {
            throw new Refused("bundle " + b.getBundleId() + " was not installed from a file (location "
                    + b.getLocation() + "), so there is nothing to roll back to; not updated", true);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Refused("cannot read " + file + " to roll back to: " + e.getMessage(), true);
        }
    }

    private static Path locationFile(String location) {
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Path.of(location.substring("file:".length()));
        }
    }

    /** The kept jar of a bundle this console installed, or null. */
    private Path ownFile(Bundle b) {
        Path file = locationFile(b.getLocation());
        File dir = context.getDataFile("plugins");
        return file != null && dir != null && file.toAbsolutePath().startsWith(dir.toPath().toAbsolutePath())
                ? file : null;
    }

    private Path keep(ResolveCheck.Result r, byte[] jar) throws Refused {
        File dir = context.getDataFile("plugins");
        if (dir == null) {
            throw new Refused("the framework gives this bundle no data area to keep the jar in", true);
        }
        try {
            Files.createDirectories(dir.toPath());
            Path file = dir.toPath().resolve(r.symbolicName().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                    + System.currentTimeMillis() + ".jar");
            Files.write(file, jar);
            return file;
        } catch (IOException e) {
            throw new Refused("cannot keep the jar: " + e.getMessage(), true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stray file in the data area does no harm
        }
    }

    /**
     * Reads a jar from a URL: http, https or file only, at most {@link #MAX_BYTES}.
     *
     * @throws Refused for another scheme, a bad URL, a failed or too large download
     */
    static byte[] fetch(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("not a URL: " + url, false);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
            throw new Refused("only http, https and file URLs are accepted, not " + (scheme.isEmpty() ? url
                    : scheme + ":"), false);
        }
        try {
            URLConnection c = uri.toURL().openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(30_000);
            long length = c.getContentLengthLong();
            if (length > MAX_BYTES) {
                throw new Refused(url + " is " + length + " bytes, more than the " + MAX_BYTES + " accepted", false);
            }
            try (InputStream in = c.getInputStream()) {
                return readLimited(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused("cannot read " + url + ": " + e, false);
        }
    }

    /** @return all of the stream, if it holds at most {@link #MAX_BYTES} */
    static byte[] readLimited(InputStream in) throws IOException, Refused {
        byte[] b = in.readNBytes(MAX_BYTES + 1);
        if (b.length > MAX_BYTES) {
            throw new Refused("the jar is larger than the " + MAX_BYTES + " bytes accepted", false);
        }
        if (b.length == 0) {
            throw new Refused("no jar: the request is empty", false);
        }
        return b;
    }
}
