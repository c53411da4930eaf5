package org.automb.plan;

/**
 * The tag set written into the m4b. Empty strings mean "not known" and are not written.
 * Written as ffmpeg metadata keys: title→©nam, album→©alb, artist→©ART, albumArtist→aART,
 * composer (the narrator)→©wrt, date→©day, comment→©cmt, genre→©gen; media_type=2 sets stik=audiobook.
 */
public record BookTags(String title, String album, String author, String albumArtist, String narrator,
                       String year, String comment, String genre) {
}
