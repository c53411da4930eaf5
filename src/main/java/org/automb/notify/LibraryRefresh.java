package org.automb.notify;

import java.util.ArrayList;
import java.util.List;
import org.automb.config.NotifySettings;

/**
 * The library servers to ask for a rescan after each delivered or re-tagged book (docs/notifications.md, "Library
 * refresh"): each wants {@link EventType#BOOK_CONVERTED}, {@link EventType#BOOK_TAGGED} and {@link EventType#TEST}
 * only, and sends the book's path as LIBRARY_PATH_MAP says the server sees it.
 */
public final class LibraryRefresh {

    private LibraryRefresh() {
    }

    /** One destination per configured server (ABS_URL, PLEX_URL, JELLYFIN_URL), in that order. */
    public static List<Destination> destinations(NotifySettings settings) {
        LibraryPathMap pathMap = new LibraryPathMap(settings.libraryPathMap());
        List<Destination> destinations = new ArrayList<>();
        settings.audiobookshelf().ifPresent(server -> destinations.add(new AudiobookshelfRefresh(server, pathMap)));
        settings.plex().ifPresent(server -> destinations.add(new PlexRefresh(server, pathMap)));
        settings.jellyfin().ifPresent(server -> destinations.add(new JellyfinRefresh(server, pathMap)));
        return List.copyOf(destinations);
    }
}
