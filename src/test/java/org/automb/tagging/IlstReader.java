package org.automb.tagging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mp4parser.Box;
import org.mp4parser.Container;
import org.mp4parser.IsoFile;

/**
 * A second, independent reader of the tags (not jaudiotagger, which writes them): mp4parser's isoparser walks
 * {@code moov/udta/meta/ilst}, and each item's {@code data} atom is decoded here as the iTunes metadata format
 * defines it (type 1 UTF-8 text, 21 a big-endian signed integer, 13/14 JPEG/PNG, 0 bytes).
 */
final class IlstReader {

    /** One item's value: {@code text}, {@code number} (for integer types) or {@code bytes} (covers). */
    record Item(int type, String text, long number, byte[] bytes) {
    }

    private IlstReader() {
    }

    /** Item id ({@code ©nam}, or {@code ----:mean:name}) to its values, in file order. */
    static Map<String, List<Item>> read(Path file) throws IOException {
        Map<String, List<Item>> items = new LinkedHashMap<>();
        try (IsoFile iso = new IsoFile(file.toFile())) {
            Container ilst = org.mp4parser.tools.Path.getPath(iso, "moov[0]/udta[0]/meta[0]/ilst[0]");
            if (ilst == null) {
                throw new AssertionError("no moov/udta/meta/ilst in " + file.getFileName());
            }
            for (Box item : ilst.getBoxes()) {
                ByteBuffer raw = rawBody(item);
                String id = item.getType();
                String mean = null;
                String name = null;
                while (raw.remaining() >= 8) {
                    int size = raw.getInt();
                    byte[] type = new byte[4];
                    raw.get(type);
                    String atom = new String(type, StandardCharsets.ISO_8859_1);
                    ByteBuffer body = raw.slice(raw.position(), size - 8);
                    raw.position(raw.position() + size - 8);
                    if (atom.equals("mean") || atom.equals("name")) {
                        byte[] text = new byte[body.remaining() - 4];
                        body.position(4).get(text);
                        if (atom.equals("mean")) {
                            mean = new String(text, StandardCharsets.UTF_8);
                        } else {
                            name = new String(text, StandardCharsets.UTF_8);
                        }
                    } else if (atom.equals("data")) {
                        int dataType = body.getInt() & 0xffffff;
                        body.getInt(); // locale
                        byte[] value = new byte[body.remaining()];
                        body.get(value);
                        String key = mean != null ? "----:" + mean + ":" + name : id;
                        items.computeIfAbsent(key, k -> new ArrayList<>()).add(item(dataType, value));
                    }
                }
            }
        }
        return items;
    }

    private static Item item(int type, byte[] value) {
        if (type == 1) {
            return new Item(type, new String(value, StandardCharsets.UTF_8), 0, value);
        }
        if (type == 21 || type == 0 && value.length <= 8) {
            long number = 0;
            for (byte b : value) {
                number = (number << 8) | (b & 0xff);
            }
            if (value.length > 0 && value[0] < 0) {
                number -= 1L << (8 * value.length);
            }
            return new Item(type, null, number, value);
        }
        return new Item(type, null, 0, value);
    }

    /** The item box's bytes after its 8-byte header, as isoparser writes the box back out. */
    private static ByteBuffer rawBody(Box box) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        box.getBox(Channels.newChannel(out));
        ByteBuffer bytes = ByteBuffer.wrap(out.toByteArray());
        return bytes.position(8).slice();
    }

}
