package org.automb.tagging;

import java.nio.ByteBuffer;
import java.util.Optional;

/** The pixel size of a JPEG or PNG read from its header, for showing a cover in a diff without decoding it. */
record ImageSize(int width, int height) {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static boolean isPng(byte[] image) {
        if (image.length < PNG.length) {
            return false;
        }
        for (int i = 0; i < PNG.length; i++) {
            if (image[i] != PNG[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean isJpeg(byte[] image) {
        return image.length >= 3 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8 && (image[2] & 0xff) == 0xff;
    }

    /** The image's size, or empty when its header is neither a PNG's nor a JPEG's. */
    static Optional<ImageSize> of(byte[] image) {
        if (isPng(image)) {
            // IHDR is always the first chunk: width and height at bytes 16 and 20
            return image.length >= 24 ? Optional.of(new ImageSize(ByteBuffer.wrap(image).getInt(16),
                ByteBuffer.wrap(image).getInt(20))) : Optional.empty();
        }
        return jpeg(image);
    }

    /** Walks the JPEG markers up to the first start-of-frame, which holds the height and width. */
    private static Optional<ImageSize> jpeg(byte[] image) {
        if (!isJpeg(image)) {
            return Optional.empty();
        }
        int at = 2;
        while (at + 9 < image.length) {
            if ((image[at] & 0xff) != 0xff) {
                return Optional.empty();
            }
            int marker = image[at + 1] & 0xff;
            if (marker == 0xff) {
                at++; // fill byte
                continue;
            }
            int length = ((image[at + 2] & 0xff) << 8) | (image[at + 3] & 0xff);
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (startOfFrame) {
                int height = ((image[at + 5] & 0xff) << 8) | (image[at + 6] & 0xff);
                int width = ((image[at + 7] & 0xff) << 8) | (image[at + 8] & 0xff);
                return Optional.of(new ImageSize(width, height));
            }
            at += 2 + length;
        }
        return Optional.empty();
    }
}
