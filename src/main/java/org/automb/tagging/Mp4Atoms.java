package org.automb.tagging;

/**
 * The ids of the MP4 tag atoms this service writes, as jaudiotagger names them: four characters ({@code ©} is
 * byte 0xA9), or {@code ----:<mean>:<name>} for a freeform atom. See docs/tagging.md for who reads which.
 */
public final class Mp4Atoms {

    /** The mean of the freeform atoms Mp3tag, beets and Audiobookshelf use. */
    public static final String ITUNES = "com.apple.iTunes";

    public static final String TITLE = "\u00a9nam";
    public static final String ALBUM = "\u00a9alb";
    public static final String SUBTITLE = "\u00a9st3";
    public static final String ARTIST = "\u00a9ART";
    public static final String ALBUM_ARTIST = "aART";
    public static final String COMPOSER = "\u00a9wrt";
    public static final String MOVEMENT_NAME = "\u00a9mvn";
    public static final String MOVEMENT_INDEX = "\u00a9mvi";
    public static final String GROUPING = "\u00a9grp";
    public static final String YEAR = "\u00a9day";
    public static final String DESCRIPTION = "desc";
    public static final String LONG_DESCRIPTION = "ldes";
    public static final String COMMENT = "\u00a9cmt";
    public static final String GENRE = "\u00a9gen";
    public static final String COPYRIGHT = "cprt";
    public static final String RATING = "rtng";
    public static final String MEDIA_KIND = "stik";
    public static final String GAPLESS = "pgap";
    public static final String COVER = "covr";

    public static final String SUBTITLE_FREEFORM = freeform("SUBTITLE");
    public static final String SERIES = freeform("SERIES");
    public static final String SERIES_PART = freeform("SERIES-PART");
    public static final String RELEASE_TIME = freeform("RELEASETIME");
    public static final String PUBLISHER = freeform("PUBLISHER");
    public static final String LANGUAGE = freeform("LANGUAGE");
    public static final String ISBN = freeform("ISBN");
    public static final String ASIN = freeform("ASIN");
    public static final String AUDIBLE_ASIN = freeform("AUDIBLE_ASIN");
    public static final String PRODUCT_PAGE = freeform("WWWAUDIOFILE");

    /** {@code stik} of an audiobook. */
    public static final int MEDIA_KIND_AUDIOBOOK = 2;
    /** {@code rtng} of explicit content. */
    public static final int RATING_EXPLICIT = 1;

    private Mp4Atoms() {
    }

    /** {@code ----:com.apple.iTunes:<name>}. */
    public static String freeform(String name) {
        return "----:" + ITUNES + ":" + name;
    }

    /** Whether {@code id} names a freeform atom. */
    public static boolean isFreeform(String id) {
        return id.startsWith("----:");
    }
}
