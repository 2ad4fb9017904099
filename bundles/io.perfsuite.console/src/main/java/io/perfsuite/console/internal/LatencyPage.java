// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.perfsuite.api.output.NoteOutput;
import io.perfsuite.api.session.SessionManager;

/**
 * The Latency page: the design's 10 ms budget, stage by stage, beside what this runtime measures of each (the
 * session's figures, the audio engine's and the MIDI scheduler's shell reports), and in words why a stage has none.
 */
@Component(service = Servlet.class, configurationPolicy = ConfigurationPolicy.IGNORE, property = {
    "felix.webconsole.label=perfsuite-latency",
    "felix.webconsole.title=Latency budget",
    "felix.webconsole.category=" + ConsolePage.CATEGORY})
public class LatencyPage extends ConsolePage {

    private static final long serialVersionUID = 1L;

    private final transient BundleContext context;
    /** The session, when one runs (references are fields: DS sets and clears them). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile SessionManager session;
    /** The engines' shell reports, when Gogo runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile ShellReports shell;

    /** @param context this bundle's context, to see which bundles and outputs run */
    @Activate
    public LatencyPage(BundleContext context) {
        this.context = context;
    }

    @Override
    public void renderContent(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SessionManager s = session;
        ShellReports sh = shell;
        Set<String> active = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            if (b.getState() == Bundle.ACTIVE && b.getSymbolicName() != null) {
                active.add(b.getSymbolicName());
            }
        }
        List<String> outputs = new ArrayList<>();
        try {
            Collection<ServiceReference<NoteOutput>> refs = context.getServiceReferences(NoteOutput.class, null);
            for (ServiceReference<NoteOutput> r : refs) {
                outputs.add(String.valueOf(r.getProperty(NoteOutput.PROP_ID)));
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // no filter given
        }
        render(resp.getWriter(), new LatencyBudget.Inputs(s == null ? null : s.agents(),
                sh == null ? null : sh.audio(), sh == null ? null : sh.midi(), active, outputs));
    }

    static void render(PrintWriter w, LatencyBudget.Inputs a) {
        w.println("<div id='perfsuite-latency'>");
        w.println("<p class='statline'>The design's budget from the performer's sound to the band's sound and "
                + "picture, and the 99th percentile this runtime measures of each stage (compute time per step: "
                + "the analysis windows themselves are longer, which is why the band plays ahead)"
                + (a.agents() == null ? "; no session is running" : "")
                + ". <a href='perfsuite-latency'>Refresh</a></p>");
        w.println("<table class='nicetable' id='ps-latency'><thead><tr><th>stage</th><th>budget (ms)</th>"
                + "<th>measured p99 (ms)</th><th></th></tr></thead><tbody>");
        long measuredSum = 0;
        double measuredBudget = 0;
        int measured = 0;
        for (LatencyBudget.Stage st : LatencyBudget.STAGES) {
            LatencyBudget.Measured m = LatencyBudget.measure(st, a);
            row(w, st, m);
            if (m.p99Nanos() != null) {
                measuredSum += m.p99Nanos();
                measuredBudget += st.budgetMs();
                measured++;
            }
        }
        w.println("<tr><td><b>total</b></td><td><b>" + String.format(Locale.ROOT, "%.1f", LatencyBudget.totalMs())
                + "</b></td><td>" + (measured == 0 ? "&ndash;" : millis(measuredSum)) + "</td><td>"
                + html(measured + " of " + LatencyBudget.STAGES.size() + " stages measured"
                        + (measured == 0 ? "" : String.format(Locale.ROOT, ", against %.1f ms of budget",
                                measuredBudget))) + "</td></tr>");
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
