package org.automb.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.automb.config.NotifySettings.LibraryServer;

/**
 * Plex (PLEX_URL, PLEX_TOKEN, PLEX_SECTION_ID): a partial scan of the book's folder, {@code GET
 * /library/sections/{id}/refresh?path=<folder>} with {@code X-Plex-Token} as a header (never in the URL, which
 * proxies log). The section is PLEX_SECTION_ID, or the one whose {@code Location} holds the folder ({@code GET
 * /library/sections}, read once and again when a book is in none of the locations read).
 */
final class PlexRefresh extends LibraryServerDestination {

    /** One library section: its key, type and locations. */
    record Section(String key, String title, String type, List<String> locations) {
    }

    private final AtomicReference<List<Section>> sections = new AtomicReference<>();

    PlexRefresh(LibraryServer server, LibraryPathMap pathMap) {
        super(server, pathMap);
    }

    @Override
    public String kind() {
        return "plex";
    }

    private Map<String, String> auth() {
        return Map.of("X-Plex-Token", server.token(), "Accept", "application/json");
    }

    @Override
    void refresh(String path, Outbound outbound) throws DeliveryFailure {
        String folder = LibraryPathMap.parentOf(pathMap.toServer(path));
        String section = server.library().isEmpty() ? sectionOf(folder, outbound).key() : server.library();
        send(outbound, new OutboundRequest("GET",
            uri("/library/sections/" + encode(section) + "/refresh?path=" + encode(folder)), auth(), null, null),
            "GET /library/sections/{id}/refresh");
    }

    @Override
    void test(Outbound outbound) throws DeliveryFailure {
        List<Section> read = readSections(outbound);
        if (!server.library().isEmpty() && read.stream().noneMatch(section -> section.key().equals(server.library()))) {
            throw DeliveryFailure.refused("PLEX_SECTION_ID " + server.library() + " is none of the server's sections ("
                + describe(read) + ")", null);
        }
    }

    /** The section whose location holds {@code folder} (the deepest such location wins). */
    Section sectionOf(String folder, Outbound outbound) throws DeliveryFailure {
        List<Section> known = sections.get();
        Section found = known == null ? null : find(known, folder);
        if (found == null) {
            known = readSections(outbound);
            found = find(known, folder);
        }
        if (found == null) {
            throw DeliveryFailure.refused("the book's folder " + folder + " is in no Plex section's location ("
                + describe(known) + "); set PLEX_SECTION_ID, or LIBRARY_PATH_MAP when Plex sees the converted folder "
                + "under another path", null);
        }
        return found;
    }

    private static Section find(List<Section> sections, String folder) {
        Section best = null;
        int bestLength = -1;
        for (Section section : sections) {
            for (String location : section.locations()) {
                if (LibraryPathMap.isUnder(folder, location) && location.length() > bestLength) {
                    best = section;
                    bestLength = location.length();
                }
            }
        }
        return best;
    }

    private static String describe(List<Section> sections) {
        List<String> parts = new ArrayList<>();
        for (Section section : sections) {
            parts.add(section.title() + " [" + section.key() + "]: " + String.join(", ", section.locations()));
        }
        return parts.isEmpty() ? "the server lists no section" : String.join("; ", parts);
    }

    private List<Section> readSections(Outbound outbound) throws DeliveryFailure {
        JsonNode answer = getJson(outbound, "/library/sections", auth(), "GET /library/sections");
        List<Section> read = new ArrayList<>();
        for (JsonNode directory : answer.path("MediaContainer").path("Directory")) {
            List<String> locations = new ArrayList<>();
            for (JsonNode location : directory.path("Location")) {
                String path = location.path("path").asText("");
                if (!path.isEmpty()) {
                    locations.add(path);
                }
            }
            read.add(new Section(directory.path("key").asText(), directory.path("title").asText(""),
                directory.path("type").asText(""), List.copyOf(locations)));
        }
        sections.set(List.copyOf(read));
        return read;
    }
}
