package org.automb.notify;

import java.util.List;
import org.automb.config.NotifySettings;

/** The library servers to ask for a rescan after each delivered or re-tagged book (docs/notifications.md). */
public final class LibraryRefresh {

    private LibraryRefresh() {
    }

    /** One destination per configured server (ABS_URL, PLEX_URL, JELLYFIN_URL), in that order. */
    public static List<Destination> destinations(NotifySettings settings) {
        return List.of();
    }
}
