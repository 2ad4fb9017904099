// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.perfsuite.api.band.BandRoster;
import io.perfsuite.api.session.AgentStatus;
import io.perfsuite.api.session.SessionManager;

/**
 * The Agents page: the supervision figures of every bandmate, listener and stage the session reports, and the band
 * as the roster has it (which bundle brought each bandmate).
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=perfsuite-agents",
    "felix.webconsole.title=Agents",
    "felix.webconsole.category=" + ConsolePage.CATEGORY})
public class AgentsPage extends ConsolePage {

    private static final long serialVersionUID = 1L;

    private transient volatile SessionManager session;
    private transient volatile BandRoster roster;

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

    /** The band roster, when the platform runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindRoster(BandRoster r) {
        roster = r;
    }

    void unbindRoster(BandRoster r) {
        if (roster == r) {
            roster = null;
        }
    }

    @Override
    public void renderContent(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PrintWriter w = resp.getWriter();
        render(w, session, roster);
    }

    static void render(PrintWriter w, SessionManager s, BandRoster r) {
        w.println("<div id='perfsuite-agents'>");
        w.println("<p class='statline'>Times in microseconds, counted since each agent joined. "
                + "<a href='perfsuite-agents'>Refresh</a></p>");
        w.println("<h3>Agents</h3>");
        if (s == null) {
            w.println("<p>No session is running.</p>");
        } else {
            List<AgentStatus> agents = s.agents();
            w.println("<table class='nicetable' id='ps-agents'><thead><tr><th>agent</th><th>kind</th><th>calls</th>"
                    + "<th>faults</th><th>overruns</th><th>degraded</th><th>budget</th><th>p50</th><th>p99</th>"
                    + "<th>max</th><th>last</th></tr></thead><tbody>");
            for (AgentStatus a : agents) {
                w.println("<tr><td>" + html(a.id()) + "</td><td>" + html(a.kind()) + "</td><td>" + a.calls()
                        + "</td><td>" + a.faults() + "</td><td>" + a.overruns() + "</td><td>"
                        + (a.degraded() ? "<b>yes</b>" : "no") + "</td><td>" + micros(a.budgetNanos()) + "</td><td>"
                        + micros(a.p50Nanos()) + "</td><td>" + micros(a.p99Nanos()) + "</td><td>"
                        + micros(a.maxNanos()) + "</td><td>" + micros(a.lastNanos()) + "</td></tr>");
            }
            if (agents.isEmpty()) {
                w.println("<tr><td colspan='11'>No agents yet.</td></tr>");
            }
            w.println("</tbody></table>");
        }
        w.println("<h3>Band</h3>");
        if (r == null) {
            w.println("<p>No band roster (the platform is not running).</p>");
        } else {
            List<BandRoster.Member> members = r.members();
            w.println("<table class='nicetable' id='ps-band'><thead><tr><th>bandmate</th><th>role</th>"
                    + "<th>bundle</th><th>version</th><th>service id</th></tr></thead><tbody>");
            for (BandRoster.Member m : members) {
                w.println("<tr><td>" + html(m.id()) + "</td><td>" + html(m.role()) + "</td><td>" + html(m.bundle())
                        + "</td><td>" + html(m.bundleVersion()) + "</td><td>" + m.serviceId() + "</td></tr>");
            }
            if (members.isEmpty()) {
                w.println("<tr><td colspan='5'>Nobody is in the band.</td></tr>");
            }
            w.println("</tbody></table>");
        }
        w.println("</div>");
    }
}
