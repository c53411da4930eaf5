package org.automb.status;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param page  1-based
 * @param size  the page size asked for
 * @param total how many items there are in all
 * @param pages how many pages of {@code size} that makes (0 when there are none)
 */
public record Paged<T>(List<T> items, int page, int size, long total, int pages) {

    /** The page {@code page} of {@code size} of a list of {@code total} items. */
    public static <T> Paged<T> of(List<T> items, int page, int size, long total) {
        return new Paged<>(List.copyOf(items), page, size, total, (int) ((total + size - 1) / size));
    }
}
