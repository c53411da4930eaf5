package org.automb.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.automb.config.NotifySettings.PathMapping;
import org.junit.jupiter.api.Test;

/** LIBRARY_PATH_MAP: the longest matching prefix, on whole path segments. */
class LibraryPathMapTest {

    private final LibraryPathMap map = new LibraryPathMap(List.of(new PathMapping("/data", "/mnt/data"),
        new PathMapping("/data/converted", "/audiobooks"), new PathMapping("/srv/books", "/")));

    @Test
    void theLongestMatchingPrefixIsReplaced() {
        assertThat(map.toServer("/data/converted/Andy Weir/Book.m4b")).isEqualTo("/audiobooks/Andy Weir/Book.m4b");
        assertThat(map.toServer("/data/converted")).isEqualTo("/audiobooks");
        assertThat(map.toServer("/data/other/Book.m4b")).isEqualTo("/mnt/data/other/Book.m4b");
        assertThat(map.toServer("/srv/books/A/B.m4b")).isEqualTo("/A/B.m4b");
    }

    @Test
    void aPrefixMatchesWholeSegmentsOnly() {
        assertThat(map.toServer("/data/converted2/Book.m4b")).isEqualTo("/mnt/data/converted2/Book.m4b");
        assertThat(map.toServer("/database/Book.m4b")).isEqualTo("/database/Book.m4b");
        assertThat(LibraryPathMap.isUnder("/data/converted2/x", "/data/converted")).isFalse();
        assertThat(LibraryPathMap.isUnder("/data/converted/x", "/data/converted/")).isTrue();
        assertThat(LibraryPathMap.isUnder("/anything", "/")).isTrue();
    }

    @Test
    void noMappingLeavesThePathAlone() {
        assertThat(new LibraryPathMap(List.of()).toServer("/data/converted/Book.m4b")).isEqualTo("/data/converted/Book.m4b");
        assertThat(new LibraryPathMap(List.of(new PathMapping("/", "/remote"))).toServer("/a/b.m4b"))
            .isEqualTo("/remote/a/b.m4b");
    }

    @Test
    void parentIsTheFolderHoldingAFile() {
        assertThat(LibraryPathMap.parentOf("/audiobooks/Andy Weir/Book.m4b")).isEqualTo("/audiobooks/Andy Weir");
        assertThat(LibraryPathMap.parentOf("/Book.m4b")).isEqualTo("/");
    }

    @Test
    void audiobookshelfVersionsAreComparedAsNumbers() {
        assertThat(AudiobookshelfRefresh.atLeast("2.17.2", AudiobookshelfRefresh.WATCHER_SINCE)).isTrue();
        assertThat(AudiobookshelfRefresh.atLeast("2.5.0", AudiobookshelfRefresh.WATCHER_SINCE)).isTrue();
        assertThat(AudiobookshelfRefresh.atLeast("v2.4.4", AudiobookshelfRefresh.WATCHER_SINCE)).isFalse();
        assertThat(AudiobookshelfRefresh.atLeast("1.9", AudiobookshelfRefresh.WATCHER_SINCE)).isFalse();
        assertThat(AudiobookshelfRefresh.atLeast("", AudiobookshelfRefresh.WATCHER_SINCE)).isNull();
    }
}
