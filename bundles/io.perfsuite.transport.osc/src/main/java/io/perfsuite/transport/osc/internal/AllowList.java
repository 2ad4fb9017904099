// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.transport.osc.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The senders an endpoint accepts: addresses, CIDR ranges (IPv4 and IPv6) and host names, the latter resolved once
 * when the list is built. {@code *} accepts everyone. An empty list accepts no one.
 *
 * <p>Immutable and thread-safe.
 */
final class AllowList {

    /** Something that may need DNS: only called for entries that are not address literals. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private record Rule(byte[] network, int prefixBits) {
    }

    private final List<Rule> rules;
    private final boolean everyone;
    private final List<String> entries;
    private final List<String> unresolved;

    private AllowList(List<Rule> rules, boolean everyone, List<String> entries, List<String> unresolved) {
        this.rules = List.copyOf(rules);
        this.everyone = everyone;
        this.entries = List.copyOf(entries);
        this.unresolved = List.copyOf(unresolved);
    }

    /**
     * Builds a list from configuration entries.
     *
     * @param entries  addresses ("127.0.0.1", "::1"), ranges ("192.168.1.0/24", "fd00::/8"), host names, or "*"
     * @param resolver resolves host names (address literals never reach it)
     * @return the list; host names that do not resolve are left out and listed in {@link #unresolved()}
     * @throws IllegalArgumentException if an entry is blank or a range is malformed
     */
    static AllowList parse(String[] entries, Resolver resolver) {
        List<Rule> rules = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        boolean everyone = false;
        for (String raw : entries == null ? new String[0] : entries) {
            String entry = raw == null ? "" : raw.trim();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("blank entry in the allowed senders");
            }
            kept.add(entry);
            if (entry.equals("*")) {
                everyone = true;
                continue;
            }
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                InetAddress network = literal(entry.substring(0, slash));
                if (network == null) {
                    throw new IllegalArgumentException("allowed sender \"" + entry + "\": a range needs an address "
                            + "before the '/'");
                }
                int maxBits = network.getAddress().length * 8;
                int bits;
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > maxBits) {
                    throw new IllegalArgumentException("allowed sender \"" + entry + "\": prefix length must be 0.."
                            + maxBits);
                }
                rules.add(new Rule(network.getAddress(), bits));
                continue;
            }
            InetAddress address = literal(entry);
            if (address != null) {
                rules.add(new Rule(address.getAddress(), address.getAddress().length * 8));
                continue;
            }
            try {
                for (InetAddress a : resolver.resolve(entry)) {
                    rules.add(new Rule(a.getAddress(), a.getAddress().length * 8));
                }
            } catch (UnknownHostException e) {
                unresolved.add(entry);
            }
        }
        return new AllowList(rules, everyone, kept, unresolved);
    }

    /** @return an address literal's address without any DNS lookup, or null if the text is not one */
    private static InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !(text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null; // "999.1.1.1" and the like
        }
    }

    /**
     * @param sender a sender's address
     * @return whether it may send
     */
    boolean allows(InetAddress sender) {
        if (everyone) {
            return true;
        }
        byte[] a = sender.getAddress();
        for (Rule r : rules) {
            if (r.network.length == a.length && matches(r.network, a, r.prefixBits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] network, byte[] address, int bits) {
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (network[i] != address[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (network[whole] & mask) == (address[whole] & mask);
    }

    /** @return the entries as configured */
    List<String> entries() {
        return entries;
    }

    /** @return host names that did not resolve (they allow no one) */
    List<String> unresolved() {
        return unresolved;
    }

    @Override
    public String toString() {
        return Arrays.toString(entries.toArray());
    }
}
