// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class AllowListTest {

    private static final AllowList.Resolver NO_DNS = host -> fail("no lookup expected for " + host);

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void theDefaultAllowsOnlyLoopbackOne() throws Exception {
        AllowList list = AllowList.parse(new String[] {"127.0.0.1"}, NO_DNS);
        assertTrue(list.allows(ip("127.0.0.1")));
        assertFalse(list.allows(ip("127.0.0.2")));
        assertFalse(list.allows(ip("::1")));
        assertFalse(list.allows(ip("192.168.1.1")));
    }

    @Test
    void rangesMatchTheirPrefixOnly() throws Exception {
        AllowList list = AllowList.parse(new String[] {"192.168.1.0/24", "10.0.0.0/9", "fd00::/8"}, NO_DNS);
        assertTrue(list.allows(ip("192.168.1.200")));
        assertFalse(list.allows(ip("192.168.2.1")));
        assertTrue(list.allows(ip("10.127.255.255")));
        assertFalse(list.allows(ip("10.128.0.0")));
        assertTrue(list.allows(ip("fd12::1")));
        assertFalse(list.allows(ip("fe80::1")));
    }

    @Test
    void starAllowsEveryoneAndEmptyAllowsNoOne() throws Exception {
        assertTrue(AllowList.parse(new String[] {"*"}, NO_DNS).allows(ip("203.0.113.9")));
        assertTrue(AllowList.parse(new String[] {"0.0.0.0/0"}, NO_DNS).allows(ip("203.0.113.9")));
        assertFalse(AllowList.parse(new String[0], NO_DNS).allows(ip("127.0.0.1")));
    }

    @Test
    void hostNamesAreResolvedOnceAndUnknownOnesAllowNoOne() throws Exception {
        AllowList list = AllowList.parse(new String[] {"ipad.local", "nowhere.invalid"}, host -> {
            if (host.equals("ipad.local")) {
                return new InetAddress[] {ip("192.168.1.44")};
            }
            throw new UnknownHostException(host);
        });
        assertTrue(list.allows(ip("192.168.1.44")));
        assertFalse(list.allows(ip("192.168.1.45")));
        assertEquals(List.of("nowhere.invalid"), list.unresolved());
    }

    @Test
    void refusesBrokenEntries() {
        assertThrows(IllegalArgumentException.class, () -> AllowList.parse(new String[] {" "}, NO_DNS));
        assertThrows(IllegalArgumentException.class, () -> AllowList.parse(new String[] {"10.0.0.0/33"}, NO_DNS));
        assertThrows(IllegalArgumentException.class, () -> AllowList.parse(new String[] {"10.0.0.0/x"}, NO_DNS));
        assertThrows(IllegalArgumentException.class, () -> AllowList.parse(new String[] {"host/8"}, NO_DNS));
    }
}
