package org.automb.tagging;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The value of one MP4 tag field, typed as the atom stores it: text (UTF-8), an integer ({@code ©mvi}), a flag
 * ({@code pgap}), a small number stored as a byte ({@code stik}, {@code rtng}) or a cover image.
 */
public sealed interface TagValue {

    /** How the value is shown in a diff and in {@code intake.json}: the text itself, never a cover's bytes. */
    String display();

    /** A text value. */
    record Text(String text) implements TagValue {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String display() {
            return text;
        }
    }

    /** An integer stored as a number ({@code ©mvi}: the series part). */
    record Number(int value) implements TagValue {
        @Override
        public String display() {
            return Integer.toString(value);
        }
    }

    /** A small number stored in one byte: {@code stik} (2 = audiobook), {@code rtng} (1 = explicit). */
    record Code(int value) implements TagValue {
        public Code {
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("a one-byte tag holds 0 to 255, not " + value);
            }
        }

        @Override
        public String display() {
            return Integer.toString(value);
        }
    }

    /** A yes/no flag stored in one byte ({@code pgap}). */
    record Flag(boolean value) implements TagValue {
        @Override
        public String display() {
            return value ? "yes" : "no";
        }
    }

    /**
     * A cover image. Equal covers have equal bytes; it shows as {@code jpeg 500x500, 45 kB} (or its size alone when
     * the image's dimensions cannot be read).
     *
     * @param mime {@code image/jpeg} or {@code image/png}
     */
    record Cover(byte[] bytes, String mime) implements TagValue {
        public Cover {
            bytes = bytes.clone();
            Objects.requireNonNull(mime, "mime");
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** A JPEG or PNG image (the two kinds {@code covr} holds), its type read from its first bytes. */
        public static Cover of(byte[] bytes) {
            if (ImageSize.isPng(bytes)) {
                return new Cover(bytes, "image/png");
            }
            if (ImageSize.isJpeg(bytes)) {
                return new Cover(bytes, "image/jpeg");
            }
            throw new IllegalArgumentException("a cover must be a JPEG or PNG image");
        }

        @Override
        public String display() {
            String kind = mime.substring(mime.indexOf('/') + 1);
            String size = String.format(Locale.ROOT, "%d kB", Math.round(bytes.length / 1000.0));
            return ImageSize.of(bytes).map(d -> kind + " " + d.width() + "x" + d.height() + ", " + size)
                .orElse(kind + ", " + size);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Cover cover && mime.equals(cover.mime) && Arrays.equals(bytes, cover.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * mime.hashCode() + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Cover[" + display() + "]";
        }
    }
}
