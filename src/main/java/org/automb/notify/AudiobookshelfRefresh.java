package org.automb.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.automb.config.NotifySettings.LibraryServer;

/**
 * Audiobookshelf (ABS_URL, ABS_TOKEN, ABS_LIBRARY_ID): {@code POST /api/watcher/update {libraryId, path, type:"add"}}
 * on servers 2.5.0 and later (their {@code GET /status} says {@code serverVersion}), else {@code POST
 * /api/libraries/{id}/scan}. The library is ABS_LIBRARY_ID, or the one whose folder holds the book
 * ({@code GET /api/libraries}, read once and again when a book is in none of the folders read).
 */
final class AudiobookshelfRefresh extends LibraryServerDestination {

    /** The first version with {@code /api/watcher/update}. */
    static final int[] WATCHER_SINCE = {2, 5, 0};

    /** One library: its id and name, and the folders it scans. */
    record Library(String id, String name, List<String> folders) {
    }

    private final AtomicReference<List<Library>> libraries = new AtomicReference<>();
    /** Whether the server takes watcher updates; null until it said (by its version, or a 404). */
    private final AtomicReference<Boolean> watcher = new AtomicReference<>();

    AudiobookshelfRefresh(LibraryServer server, LibraryPathMap pathMap) {
        super(server, pathMap);
    }

    @Override
    public String kind() {
        return "audiobookshelf";
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + server.token());
    }

    @Override
    void refresh(String path, Outbound outbound) throws DeliveryFailure {
        String mapped = pathMap.toServer(path);
        String libraryId = server.library().isEmpty() ? libraryOf(mapped, outbound).id() : server.library();
        if (takesWatcherUpdates(outbound)) {
            String body = json.createObjectNode().put("libraryId", libraryId).put("path", mapped).put("type", "add")
                .toString();
            HttpReply reply = sendOrFail(outbound, OutboundRequest.postJson(uri("/api/watcher/update"), auth(), body),
                "POST /api/watcher/update");
            if (reply.status() != 404) {
                require(reply, "POST /api/watcher/update");
                return;
            }
            // a server older than its /status said, or behind a proxy that hides the route: scan instead
            watcher.set(false);
        }
        send(outbound, new OutboundRequest("POST", uri("/api/libraries/" + encode(libraryId) + "/scan"), auth(), null,
            null), "POST /api/libraries/{id}/scan");
    }

    @Override
    void test(Outbound outbound) throws DeliveryFailure {
        List<Library> read = readLibraries(outbound);
        if (!server.library().isEmpty() && read.stream().noneMatch(library -> library.id().equals(server.library()))) {
            throw DeliveryFailure.refused("ABS_LIBRARY_ID " + server.library() + " is none of the server's libraries ("
                + describe(read) + ")", null);
        }
    }

    /** The library whose folder holds {@code mapped} (the deepest such folder wins). */
    Library libraryOf(String mapped, Outbound outbound) throws DeliveryFailure {
        List<Library> known = libraries.get();
        Library found = known == null ? null : find(known, mapped);
        if (found == null) {
            // first book, or one in a library added since the list was read
            known = readLibraries(outbound);
            found = find(known, mapped);
        }
        if (found == null) {
            throw DeliveryFailure.refused("the book at " + mapped + " is in no Audiobookshelf library's folder ("
                + describe(known) + "); set ABS_LIBRARY_ID, or LIBRARY_PATH_MAP when Audiobookshelf sees the "
                + "converted folder under another path", null);
        }
        return found;
    }

    private static Library find(List<Library> libraries, String mapped) {
        Library best = null;
        int bestLength = -1;
        for (Library library : libraries) {
            for (String folder : library.folders()) {
                if (LibraryPathMap.isUnder(mapped, folder) && folder.length() > bestLength) {
                    best = library;
                    bestLength = folder.length();
                }
            }
        }
        return best;
    }

    private static String describe(List<Library> libraries) {
        List<String> parts = new ArrayList<>();
        for (Library library : libraries) {
            parts.add(library.name() + " [" + library.id() + "]: " + String.join(", ", library.folders()));
        }
        return parts.isEmpty() ? "the server lists no library" : String.join("; ", parts);
    }

    private List<Library> readLibraries(Outbound outbound) throws DeliveryFailure {
        JsonNode answer = getJson(outbound, "/api/libraries", auth(), "GET /api/libraries");
        List<Library> read = new ArrayList<>();
        for (JsonNode library : answer.path("libraries")) {
            List<String> folders = new ArrayList<>();
            for (JsonNode folder : library.path("folders")) {
                String fullPath = folder.path("fullPath").asText("");
                if (!fullPath.isEmpty()) {
                    folders.add(fullPath);
                }
            }
            read.add(new Library(library.path("id").asText(), library.path("name").asText(""), List.copyOf(folders)));
        }
        libraries.set(List.copyOf(read));
        return read;
    }

    /** Asks {@code GET /status} once; a server that does not say its version is tried with the watcher first. */
    private boolean takesWatcherUpdates(Outbound outbound) throws DeliveryFailure {
        Boolean known = watcher.get();
        if (known != null) {
            return known;
        }
        HttpReply reply = sendOrFail(outbound, new OutboundRequest("GET", uri("/status"), Map.of(), null, null),
            "GET /status");
        if (!reply.isSuccess()) {
            return true;
        }
        String version;
        try {
            version = json.readTree(reply.body()).path("serverVersion").asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            return true;
        }
        Boolean newEnough = atLeast(version, WATCHER_SINCE);
        if (newEnough == null) {
            return true;
        }
        watcher.set(newEnough);
        return newEnough;
    }

    /** Whether {@code version} ({@code 2.17.2}, {@code v2.4.4}) is {@code minimum} or later; null when unreadable. */
    static Boolean atLeast(String version, int[] minimum) {
        String[] parts = version.trim().replaceFirst("^[vV]", "").split("[.-]");
        try {
            for (int i = 0; i < minimum.length; i++) {
                int part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
                if (part != minimum[i]) {
                    return part > minimum[i];
                }
            }
            return true;
        } catch (NumberFormatException notNumbers) {
            return null;
        }
    }
}
