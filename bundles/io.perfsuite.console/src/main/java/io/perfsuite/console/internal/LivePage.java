// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.perfsuite.api.session.SessionManager;

/**
 * The Live page: the musical context as it changes (from the event stream, 20 times a second), the command queue
 * with a cancel button per entry, and buttons for the common commands. The page carries the CSRF token the
 * state-changing endpoints want.
 */
@Component(service = Servlet.class, configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    "felix.webconsole.label=" + LivePage.LABEL,
    "felix.webconsole.title=Live",
    "felix.webconsole.category=" + ConsolePage.CATEGORY})
public class LivePage extends ConsolePage {

    static final String LABEL = "perfsuite-live";

    /** The command buttons: command name, button text. */
    static final List<String[]> BUTTONS = List.of(
            new String[] {"count-in", "Count-in"}, new String[] {"next-section", "Next section"},
            new String[] {"fill", "Fill"}, new String[] {"tap-tempo", "Tap tempo"},
            new String[] {"intensity-up", "Intensity +"}, new String[] {"intensity-down", "Intensity −"},
            new String[] {"half-time", "Half time"}, new String[] {"double-time", "Double time"},
            new String[] {"normal-time", "Normal time"}, new String[] {"hold", "Hold"},
            new String[] {"ending", "Ending"}, new String[] {"stop", "Stop"});

    private static final long serialVersionUID = 1L;
    private static final String SCRIPT = resource("live.js");

    private final transient CsrfGuard csrf;
    private transient volatile SessionManager session;

    /** @param csrf issues the page's token */
    @Activate
    public LivePage(@Reference(name = "csrf") CsrfGuard csrf) {
        this.csrf = csrf;
    }

    /** The session, when one runs: for the list of commands. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindSession(SessionManager s) {
        session = s;
    }

    void unbindSession(SessionManager s) {
        if (session == s) {
            session = null;
        }
    }

    @Override
    public void renderContent(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        BasicAuth.UserPassword login = BasicAuth.parse(req.getHeader("Authorization"));
        String token = login == null ? "" : csrf.token(login.user());
        SessionManager s = session;
        PrintWriter w = resp.getWriter();
        w.println("<div id='perfsuite-live' data-csrf='" + attr(token) + "'>");
        w.println("<style>#perfsuite-live .ps-big{font-size:2em;font-weight:bold}"
                + "#perfsuite-live td.ps-k{width:14em}#perfsuite-live button{margin:2px}</style>");
        if (s == null) {
            w.println("<p class='statline'>No session is running.</p>");
        }
        w.println("<p class='statline' id='ps-status'>Connecting&hellip;</p>");
        w.println("<table class='nicetable'><tbody>");
        row(w, "Tempo (BPM)", "ps-tempo", true);
        row(w, "Bar.beat", "ps-position", true);
        row(w, "Playing", "ps-playing", false);
        row(w, "Section (next)", "ps-section", false);
        row(w, "Chord (predicted next)", "ps-chord", true);
        row(w, "Key", "ps-key", false);
        row(w, "Intensity", "ps-intensity", false);
        row(w, "Feel", "ps-feel", false);
        row(w, "Mode", "ps-mode", false);
        row(w, "Degradation", "ps-degradation", false);
        w.println("</tbody></table>");

        w.println("<h3>Commands</h3><p>");
        for (String[] b : BUTTONS) {
            w.println("<button type='button' class='ps-cmd' data-command='" + attr(b[0]) + "'>" + html(b[1])
                    + "</button>");
        }
        w.println("<button type='button' id='ps-undo'>Undo</button>");
        w.println("<button type='button' id='ps-redo'>Redo</button>");
        w.println("</p><p><label>Quantization <select id='ps-quant'><option value=''>the command's own</option>");
        for (String q : new String[] {"now", "beat", "bar", "phrase", "section-end"}) {
            w.println("<option value='" + attr(q) + "'>" + html(q) + "</option>");
        }
        w.println("</select></label> <label>Mode <select id='ps-mode-select'>");
        for (String m : new String[] {"setup", "rehearsal", "performance"}) {
            w.println("<option value='" + attr(m) + "'>" + html(m) + "</option>");
        }
        w.println("</select></label></p>");
        w.println("<p><label>Any command <select id='ps-any'>");
        for (String name : s == null ? List.<String>of() : s.commandNames()) {
            w.println("<option value='" + attr(name) + "'>" + html(name) + "</option>");
        }
        w.println("</select></label> <label>arguments <input id='ps-args' placeholder='bpm=96 bars=2' size='30'>"
                + "</label> <button type='button' id='ps-send'>Send</button></p>");
        w.println("<p id='ps-result' class='statline'></p>");

        w.println("<h3>Queue</h3><table class='nicetable'><thead><tr><th>id</th><th>command</th>"
                + "<th>arguments</th><th>quantization</th><th>due beat</th><th></th></tr></thead>"
                + "<tbody id='ps-queue'></tbody></table>");
        w.println("</div>");
        w.println("<script>" + SCRIPT + "</script>");
    }

    private static void row(PrintWriter w, String label, String id, boolean big) {
        w.println("<tr><td class='ps-k'>" + html(label) + "</td><td id='" + attr(id) + "'"
                + (big ? " class='ps-big'" : "") + ">&ndash;</td></tr>");
    }
}
