package org.automb.notify;

import java.util.List;
import org.automb.config.NotifySettings.PathMapping;

/**
 * LIBRARY_PATH_MAP: where a library server sees a path of this service (a Docker volume mounted at
 * {@code /data/converted} here and at {@code /audiobooks} in Audiobookshelf's container). Paths are compared whole
 * segment by segment: {@code /data/converted2} is not under {@code /data/converted}.
 */
public final class LibraryPathMap {

    private final List<PathMapping> mappings;

    public LibraryPathMap(List<PathMapping> mappings) {
        this.mappings = List.copyOf(mappings);
    }

    /** {@code path} as the server sees it: the longest matching {@code local} prefix replaced; unchanged when none. */
    public String toServer(String path) {
        PathMapping best = null;
        for (PathMapping mapping : mappings) {
            if (isUnder(path, mapping.local()) && (best == null || mapping.local().length() > best.local().length())) {
                best = mapping;
            }
        }
        if (best == null) {
            return path;
        }
        String rest = best.local().equals("/") ? path.substring(1) : path.substring(best.local().length());
        rest = rest.startsWith("/") ? rest.substring(1) : rest;
        String remote = best.remote().endsWith("/") ? best.remote() : best.remote() + "/";
        return rest.isEmpty() ? best.remote() : remote + rest;
    }

    /** Whether {@code path} is {@code folder} or inside it, on whole path segments. */
    public static boolean isUnder(String path, String folder) {
        String base = folder.length() > 1 && folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        return path.equals(base) || base.equals("/") && path.startsWith("/") || path.startsWith(base + "/");
    }

    /** The folder holding {@code path} ({@code /} for a top-level one); {@code path} itself when it has no slash. */
    public static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : slash == 0 ? "/" : path.substring(0, slash);
    }
}
