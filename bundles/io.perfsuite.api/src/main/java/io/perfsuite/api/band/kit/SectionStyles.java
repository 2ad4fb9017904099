// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.api.band.kit;

import java.util.Objects;
import java.util.function.Function;

import io.perfsuite.api.context.MusicalContext;
import io.perfsuite.api.music.Section;
import io.perfsuite.api.music.SectionKind;

/**
 * The song's style hints for one player ({@link Section#styles()}, by the player's id first, then by its role),
 * resolved to the player's own style objects for the current and the next section. The lookup happens when the
 * section changes, not per call, so {@link #update} and {@link #forKind} allocate nothing in steady state. A hint
 * naming a style the player does not know is ignored.
 *
 * <p>Not thread-safe: owned by one bandmate, used on the session thread.
 *
 * @param <S> the player's style type
 */
public final class SectionStyles<S> {

    private final String id;
    private final String role;
    private final Function<String, S> byName;
    private Section current;
    private S currentStyle;
    private Section next;
    private S nextStyle;

    /**
     * @param id     the player's id, e.g. "keys-2"
     * @param role   its role in lower case, e.g. "keys"
     * @param byName the player's style for a name; throws {@link IllegalArgumentException} for an unknown name
     */
    public SectionStyles(String id, String role, Function<String, S> byName) {
        this.id = Objects.requireNonNull(id, "id");
        this.role = Objects.requireNonNull(role, "role");
        this.byName = Objects.requireNonNull(byName, "byName");
    }

    /**
     * Follows the context's current and next sections.
     *
     * @param context the snapshot a plan call got
     */
    public void update(MusicalContext context) {
        Section now = context.section();
        if (now != current) {
            current = now;
            currentStyle = resolve(now);
        }
        Section after = context.nextSection().orElse(null);
        if (after != next) {
            next = after;
            nextStyle = after == null ? null : resolve(after);
        }
    }

    /**
     * @param kind       a section kind the player is about to play in
     * @param configured the style the player's configuration gives that kind
     * @return the song's hint for the current or next section of that kind, else {@code configured}
     */
    public S forKind(SectionKind kind, S configured) {
        if (currentStyle != null && kind == current.kind()) {
            return currentStyle;
        }
        if (nextStyle != null && kind == next.kind()) {
            return nextStyle;
        }
        return configured;
    }

    private S resolve(Section section) {
        String name = section.styles().get(id);
        if (name == null) {
            name = section.styles().get(role);
        }
        if (name == null) {
            return null;
        }
        try {
            return byName.apply(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
