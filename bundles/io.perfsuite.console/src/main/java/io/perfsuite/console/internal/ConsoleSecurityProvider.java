// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the Web Console with the suite's credentials instead of the console's built-in admin/admin. The runtime
 * sets the framework property {@code felix.webconsole.security.providers=perfsuite}, so the console refuses every
 * request until this provider is registered: there is no moment when the default password works.
 */
@Component(
        service = SecurityProvider.class,
        configurationPid = ConsoleSecurityProvider.PID,
        property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurityProvider.PROVIDER_ID)
@Designate(ocd = ConsoleSecurityProvider.Config.class)
public class ConsoleSecurityProvider implements SecurityProvider {

    /** Configuration PID. */
    public static final String PID = "io.perfsuite.console";
    /** The id the Web Console is told to wait for. */
    public static final String PROVIDER_ID = "perfsuite";
    static final String REALM = "Performance Suite";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurityProvider.class);

    /** Configuration of the console's credentials. */
    @ObjectClassDefinition(
            name = "Performance Suite console security",
            description = "User name and password for the Web Console and the runtime's HTTP endpoints. "
                    + "The environment variable PERFSUITE_CONSOLE_PASSWORD, when set, wins over the password here; "
                    + "with neither, a password is generated at first start and kept in the home folder.")
    public @interface Config {
        /** @return the user name */
        @AttributeDefinition(name = "User name", description = "The user name to log in with.")
        String username() default "perfsuite";

        /** @return the password, or empty */
        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
                description = "Leave empty to use PERFSUITE_CONSOLE_PASSWORD or the generated password.")
        String password() default "";
    }

    private final Path home;
    private final String httpAddress;
    private final PrintStream terminal;
    private volatile ConsoleCredentials credentials;

    /**
     * @param context the bundle context, for the home folder and HTTP address
     * @param config  the configuration
     * @throws IOException if the password file cannot be read or written
     */
    @Activate
    public ConsoleSecurityProvider(BundleContext context, Config config) throws IOException {
        this.home = home(context);
        String host = context.getProperty("org.apache.felix.http.host");
        String port = context.getProperty("org.osgi.service.http.port");
        this.httpAddress = "http://" + (host == null ? "0.0.0.0" : host) + ":" + (port == null ? "8080" : port);
        // a command-line job (analyse, evaluate) runs without HTTP: its output is the job's, not the console's
        boolean job = context.getProperty("perfsuite.job") != null;
        this.terminal = job ? new PrintStream(java.io.OutputStream.nullOutputStream()) : System.out;
        apply(config, terminal);
    }

    /** The runtime's home folder: the framework property perfsuite.home, else ~/.perfsuite. */
    static Path home(BundleContext context) {
        String configured = context.getProperty("perfsuite.home");
        return (configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".perfsuite")
                : Path.of(configured.trim())).toAbsolutePath().normalize();
    }

    /**
     * Takes a new configuration without restarting the console.
     *
     * @param config the configuration
     * @throws IOException if the password file cannot be read or written
     */
    @Modified
    void modified(Config config) throws IOException {
        apply(config, terminal);
    }

    private void apply(Config config, PrintStream out) throws IOException {
        ConsoleCredentials c = ConsoleCredentials.resolve(config.username(),
                System.getenv(ConsoleCredentials.ENV_PASSWORD), config.password(), home);
        ConsoleCredentials previous = credentials;
        credentials = c;
        if (c.equals(previous) && c.source() == previous.source()) {
            return; // ConfigAdmin may deliver the same configuration again: say nothing new
        }
        String console = httpAddress + "/system/console";
        switch (c.source()) {
            case GENERATED -> {
                // Printed once, to the terminal only (not to the log file): it is also in the owner-only file.
                out.println();
                out.println("  Web Console: " + console);
                out.println("  user \"" + c.user() + "\", generated password: " + c.password());
                out.println("  (shown once; kept in " + c.file() + ", readable by you only;");
                out.println("   set " + ConsoleCredentials.ENV_PASSWORD + " to choose your own)");
                out.println();
            }
            case STORED -> out.println("Web Console: " + console + " (user \"" + c.user() + "\", password in "
                    + c.file() + ")");
            default -> out.println("Web Console: " + console + " (user \"" + c.user() + "\", password from the "
                    + (c.source() == ConsoleCredentials.Source.ENVIRONMENT
                            ? ConsoleCredentials.ENV_PASSWORD + " environment variable" : "configuration")
                    + ")");
        }
        LOG.info("Console credentials set for user {} from {}", c.user(), c.source());
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        BasicAuth.UserPassword given = BasicAuth.parse(request.getHeader("Authorization"));
        if (given != null && credentials.matches(given.user(), given.password())) {
            return given.user();
        }
        if (given != null) {
            LOG.warn("Refused console login for user {} from {}", given.user(), request.getRemoteAddr());
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        try {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        } catch (IOException | IllegalStateException e) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        }
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return user != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // Basic authentication has no server-side session to end; the browser forgets on close.
    }
}
