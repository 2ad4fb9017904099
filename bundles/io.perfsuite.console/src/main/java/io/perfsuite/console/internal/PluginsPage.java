// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * The Plugins page: the plugin bundles (symbolic name, version, state, the bandmates they register), a form to
 * install one from a jar or a URL, and per plugin an update (rolled back if the new version fails) and an
 * uninstall. The buttons call {@code /perfsuite/api/plugins/*} with the CSRF token the page carries.
 */
@Component(service = Servlet.class, configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    "felix.webconsole.label=" + PluginsPage.LABEL,
    "felix.webconsole.title=Plugins",
    "felix.webconsole.category=" + ConsolePage.CATEGORY})
public class PluginsPage extends ConsolePage {

    static final String LABEL = "perfsuite-plugins";

    private static final long serialVersionUID = 1L;
    private static final String SCRIPT = resource("plugins.js");

    private final transient CsrfGuard csrf;
    private final transient PluginManager plugins;

    /**
     * @param csrf    issues the page's token
     * @param context this bundle's context, to list the bundles
     */
    @Activate
    public PluginsPage(@Reference(name = "csrf") CsrfGuard csrf, BundleContext context) {
        this(csrf, new PluginManager(context));
    }

    PluginsPage(CsrfGuard csrf, PluginManager plugins) {
        this.csrf = csrf;
        this.plugins = plugins;
    }

    @Override
    public void renderContent(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        BasicAuth.UserPassword login = BasicAuth.parse(req.getHeader("Authorization"));
        render(resp.getWriter(), login == null ? "" : csrf.token(login.user()), plugins.plugins());
    }

    static void render(PrintWriter w, String token, List<PluginManager.Plugin> list) {
        w.println("<div id='perfsuite-plugins' data-csrf='" + attr(token) + "'>");
        w.println("<p class='statline'>Bundles with the " + html(PluginManager.PLUGIN_HEADER)
                + " header or a bandmate name. <a href='" + LABEL + "'>Refresh</a></p>");
        w.println("<table class='nicetable' id='ps-plugins'><thead><tr><th>id</th><th>symbolic name</th>"
                + "<th>version</th><th>state</th><th>bandmates</th><th>update from jar or URL</th><th></th></tr>"
                + "</thead><tbody>");
        for (PluginManager.Plugin p : list) {
            w.println("<tr data-id='" + p.id() + "'><td>" + p.id() + "</td><td>" + html(p.symbolicName())
                    + "</td><td>" + html(p.version()) + "</td><td class='ps-state'>" + html(p.state()) + "</td><td>"
                    + html(p.bandmates().isEmpty() ? "none" : String.join(", ", p.bandmates())) + "</td><td>"
                    + "<input type='file' class='ps-file' accept='.jar'> <input class='ps-url' size='30' "
                    + "placeholder='https://…/plugin.jar'> <button type='button' class='ps-update'>Update</button>"
                    + "</td><td><button type='button' class='ps-uninstall'>Uninstall</button></td></tr>");
        }
        if (list.isEmpty()) {
            w.println("<tr><td colspan='7'>No plugins are installed.</td></tr>");
        }
        w.println("</tbody></table>");
        w.println("<h3>Install</h3><p>The jar is checked against the running bundles first: one that would not "
                + "resolve is refused, with what it misses. At most " + PluginManager.MAX_BYTES / (1024 * 1024)
                + " MB; http, https or file URLs.</p>");
        w.println("<p><input type='file' id='ps-install-file' accept='.jar'> or URL <input id='ps-install-url' "
                + "size='40' placeholder='https://…/plugin.jar'> <button type='button' id='ps-install'>Install"
                + "</button></p>");
        w.println("<p id='ps-result' class='statline'></p>");
        w.println("</div>");
        w.println("<script>" + SCRIPT + "</script>");
    }
}
