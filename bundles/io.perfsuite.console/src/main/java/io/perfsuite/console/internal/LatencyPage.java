// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.SessionManager;

/** The Latency page: the design's 10 ms budget, stage by stage, beside what this runtime measures of each. */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=perfsuite-latency",
    "felix.webconsole.title=Latency budget",
    "felix.webconsole.category=" + ConsolePage.CATEGORY})
public class LatencyPage extends ConsolePage {

    private static final long serialVersionUID = 1L;

    private transient volatile SessionManager session;

    /** The session, when one runs. */
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
        SessionManager s = session;
        render(resp.getWriter(), s == null ? null : s.agents());
    }

    static void render(PrintWriter w, List<AgentStatus> agents) {
        List<AgentStatus> a = agents == null ? List.of() : agents;
        w.println("<div id='perfsuite-latency'>");
        w.println("<p class='statline'>The design's budget from the performer's sound to the band's sound and "
                + "picture, and the 99th percentile this runtime measures of each stage"
                + (agents == null ? " (no session is running)" : "")
                + ". <a href='perfsuite-latency'>Refresh</a></p>");
        w.println("<table class='nicetable' id='ps-latency'><thead><tr><th>stage</th><th>budget (ms)</th>"
                + "<th>measured p99 (ms)</th><th></th></tr></thead><tbody>");
        for (LatencyBudget.Stage st : LatencyBudget.STAGES) {
            row(w, st, LatencyBudget.measure(st, a));
        }
        w.println("<tr><td><b>total</b></td><td><b>" + String.format(Locale.ROOT, "%.1f", LatencyBudget.totalMs())
                + "</b></td><td></td><td></td></tr>");
        row(w, LatencyBudget.COMMAND_STAGE, LatencyBudget.measure(LatencyBudget.COMMAND_STAGE, a));
        w.println("</tbody></table></div>");
    }

    private static void row(PrintWriter w, LatencyBudget.Stage st, LatencyBudget.Measured m) {
        String budget = Double.isNaN(st.budgetMs()) ? "(not in the sound path)"
                : String.format(Locale.ROOT, "%.1f", st.budgetMs());
        String measured = m.p99Nanos() == null ? "&ndash;" : millis(m.p99Nanos());
        String over = m.p99Nanos() != null && !Double.isNaN(st.budgetMs()) && m.p99Nanos() > st.budgetMs() * 1e6
                ? " <b>over budget</b>" : "";
        w.println("<tr><td>" + html(st.name()) + "</td><td>" + html(budget) + "</td><td>" + measured + "</td><td>"
                + html(m.note()) + over + "</td></tr>");
    }
}
