package org.automb.notify;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.automb.config.NotifySettings.LibraryServer;

/**
 * Jellyfin or Emby (JELLYFIN_URL, JELLYFIN_API_KEY): {@code POST /Library/Media/Updated
 * {"Updates":[{"Path":…,"UpdateType":"Created"}]}}, the call Sonarr and Radarr make. Jellyfin takes the key as
 * {@code Authorization: MediaBrowser Token="…"} (recent versions refuse {@code X-Emby-Token}); Emby, recognised by a
 * JELLYFIN_URL whose path ends in {@code /emby} (where Emby serves its API), takes {@code X-Emby-Token}.
 */
final class JellyfinRefresh extends LibraryServerDestination {

    private final boolean emby;

    JellyfinRefresh(LibraryServer server, LibraryPathMap pathMap) {
        super(server, pathMap);
        String path = URI.create(server.url()).getPath();
        this.emby = path != null && path.toLowerCase(Locale.ROOT).replaceFirst("/+$", "").endsWith("/emby");
    }

    /** {@code emby} for an Emby server, else {@code jellyfin}. */
    @Override
    public String kind() {
        return emby ? "emby" : "jellyfin";
    }

    private Map<String, String> auth() {
        return emby ? Map.of("X-Emby-Token", server.token())
            : Map.of("Authorization", "MediaBrowser Token=\"" + server.token() + "\"");
    }

    @Override
    void refresh(String path, Outbound outbound) throws DeliveryFailure {
        var update = json.createObjectNode();
        update.putArray("Updates").addObject().put("Path", pathMap.toServer(path)).put("UpdateType", "Created");
        send(outbound, OutboundRequest.postJson(uri("/Library/Media/Updated"), auth(), update.toString()),
            "POST /Library/Media/Updated");
    }

    @Override
    void test(Outbound outbound) throws DeliveryFailure {
        send(outbound, new OutboundRequest("GET", uri("/System/Info"), auth(), null, null), "GET /System/Info");
    }
}
