// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.owasp.encoder.Encode;

/**
 * What the suite's Web Console pages share: escaping (every value that reaches the page goes through the OWASP
 * encoder for its context) and number formatting. The console draws the frame, navigation and login around what
 * {@code renderContent} writes.
 */
abstract class ConsolePage extends AbstractServlet {

    /** The navigation category of every suite page. */
    static final String CATEGORY = "Performance Suite";

    private static final long serialVersionUID = 1L;

    /** @return the text, escaped for HTML element content; "–" for null */
    static String html(Object text) {
        return text == null ? "&ndash;" : Encode.forHtml(text.toString());
    }

    /** @return the text, escaped for a quoted HTML attribute value */
    static String attr(Object text) {
        return Encode.forHtmlAttribute(text == null ? "" : text.toString());
    }

    /** @return nanoseconds as microseconds with one decimal */
    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e3);
    }

    /** @return nanoseconds as milliseconds with three decimals */
    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    /** @return a text resource of this bundle, next to this class */
    static String resource(String name) {
        try (InputStream in = ConsolePage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
