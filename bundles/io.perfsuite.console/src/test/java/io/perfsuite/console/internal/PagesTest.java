// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.band.BandRoster;
import io.perfsuite.api.band.Role;
import io.perfsuite.api.session.AgentStatus;

class PagesTest {

    private static final String EVIL = "<script>alert('x')</script>";

    @Test
    void theAgentsPageEscapesWhatPluginsName() {
        FakeSession s = new FakeSession();
        s.agents.add(new AgentStatus(EVIL, "bandmate", 3, 0, 1, true, 100_000, 10_000, 20_000, 30_000, 15_000));
        BandRoster roster = new BandRoster() {
            @Override
            public List<Member> members() {
                return List.of(new Member(EVIL, Role.DRUMS, 42, "x\"><img src=x onerror=alert(1)>", "1.0", null));
            }

            @Override
            public long generation() {
                return 1;
            }
        };
        StringWriter out = new StringWriter();
        AgentsPage.render(new PrintWriter(out), s, roster);
        String html = out.toString();
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertTrue(html.contains("<td>20.0</td>"), "p99 in microseconds: " + html);
        assertTrue(html.contains("<b>yes</b>"), html);
    }

    @Test
    void theAgentsPageSaysWhenNothingRuns() {
        StringWriter out = new StringWriter();
        AgentsPage.render(new PrintWriter(out), null, null);
        assertTrue(out.toString().contains("No session is running."));
        assertTrue(out.toString().contains("No band roster"));
    }

    @Test
    void theBudgetAddsUpToTenMilliseconds() {
        assertEquals(10.0, LatencyBudget.totalMs(), 1e-9);
        assertEquals(13, LatencyBudget.STAGES.size());
    }

    @Test
    void theAgentsStageIsTheSumOfTheBandmatesP99() {
        List<AgentStatus> agents = List.of(
                new AgentStatus("drums", "bandmate", 10, 0, 0, false, 100_000, 1_000, 30_000, 40_000, 2_000),
                new AgentStatus("bass", "bandmate", 10, 0, 0, false, 100_000, 1_000, 20_000, 40_000, 2_000),
                new AgentStatus("idle", "bandmate", 0, 0, 0, false, 100_000, 0, 0, 0, 0),
                new AgentStatus("osc", "listener", 10, 0, 0, false, 100_000, 1_000, 500_000, 40_000, 2_000),
                new AgentStatus("session.command", "stage", 4, 0, 0, false, 0, 1_000, 2_500_000, 3_000_000, 2_000));
        LatencyBudget.Measured m = LatencyBudget.measure(LatencyBudget.STAGES.get(2), agents);
        assertEquals(50_000L, m.p99Nanos());
        assertTrue(m.note().contains("2 bandmate"), m.note());
        assertEquals(2_500_000L, LatencyBudget.measure(LatencyBudget.COMMAND_STAGE, agents).p99Nanos());
        assertNull(LatencyBudget.measure(LatencyBudget.STAGES.get(0), agents).p99Nanos());
        assertEquals("not measured here", LatencyBudget.measure(LatencyBudget.STAGES.get(0), agents).note());
    }

    @Test
    void theLatencyPageShowsBudgetBesideMeasurement() {
        StringWriter out = new StringWriter();
        LatencyPage.render(new PrintWriter(out), List.of(
                new AgentStatus("drums", "bandmate", 10, 0, 0, false, 100_000, 1_000, 1_500_000, 2_000_000, 2)));
        String html = out.toString();
        assertTrue(html.contains("<td>agents</td><td>1.0</td><td>1.500</td>"), html);
        assertTrue(html.contains("over budget"), html);
        assertTrue(html.contains("<td>analysis</td><td>2.0</td><td>&ndash;</td><td>not measured here</td>"), html);
        assertTrue(html.contains("<b>10.0</b>"), html);
    }

    @Test
    void theLivePageCarriesTheUsersTokenAndTheButtons() throws Exception {
        CsrfGuard csrf = new CsrfGuard();
        LivePage page = new LivePage(csrf);
        page.bindSession(new FakeSession());
        HttpFakes.Response resp = new HttpFakes.Response();
        page.renderContent(new HttpFakes.Request("GET", "/").basic("perfsuite", "pw").build(), resp.proxy);
        String html = resp.text();
        assertTrue(html.contains("data-csrf='" + csrf.token("perfsuite") + "'"), html);
        for (String[] b : LivePage.BUTTONS) {
            assertTrue(html.contains("data-command='" + b[0] + "'"), b[0]);
        }
        assertTrue(html.contains("<option value='tap-tempo'>tap-tempo</option>"), html);
        assertTrue(html.contains("new EventSource(api + 'events')"), "the script is inlined");
    }
}
