package org.automb.media.mp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One MP4 (ISO BMFF) box: its four-character type and either its raw body or, for the few containers the joiner
 * needs to open, its children. Every other box is kept as opaque bytes, so what the joiner does not understand
 * (tags, cover, chapters, sample descriptions) is written back exactly as read.
 *
 * <p>Hand-written because no maintained Java MP4 library is available to this project (mp4parser/isoparser is
 * unmaintained and loads far more than the joiner needs).
 *
 * @param body     the bytes after the header (empty for a container)
 * @param children the child boxes of a container, or null for a leaf
 */
public record Box(String type, byte[] body, List<Box> children) {

    /** The boxes the joiner descends into; none of them has fields before its children. */
    static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "edts");

    public Box {
        if (type.length() != 4) {
            throw new IllegalArgumentException("box type must have four characters: " + type);
        }
        children = children == null ? null : List.copyOf(children);
    }

    public static Box leaf(String type, byte[] body) {
        return new Box(type, body, null);
    }

    public static Box container(String type, List<Box> children) {
        return new Box(type, new byte[0], children);
    }

    public boolean isContainer() {
        return children != null;
    }

    /** Reads consecutive boxes filling {@code buffer} from its position to its limit, opening the known containers. */
    public static List<Box> parseAll(ByteBuffer buffer) throws NotJoinableException {
        List<Box> boxes = new ArrayList<>();
        while (buffer.remaining() > 0) {
            if (buffer.remaining() < 8) {
                throw new NotJoinableException("a box header is cut short");
            }
            int start = buffer.position();
            long size = Integer.toUnsignedLong(buffer.getInt());
            String type = fourCc(buffer.getInt());
            int header = 8;
            if (size == 1) {
                if (buffer.remaining() < 8) {
                    throw new NotJoinableException("a box header is cut short");
                }
                size = buffer.getLong();
                header = 16;
            } else if (size == 0) {
                size = buffer.limit() - start;
            }
            if (size < header || size > buffer.limit() - start) {
                throw new NotJoinableException("box '" + type + "' runs past its parent");
            }
            ByteBuffer content = buffer.slice(start + header, (int) size - header);
            buffer.position(start + (int) size);
            if (CONTAINERS.contains(type)) {
                boxes.add(container(type, parseAll(content)));
            } else {
                byte[] body = new byte[content.remaining()];
                content.get(body);
                boxes.add(leaf(type, body));
            }
        }
        return boxes;
    }

    /** The first child of this type. */
    public Optional<Box> child(String childType) {
        return children == null ? Optional.empty() : children.stream().filter(b -> b.type.equals(childType)).findFirst();
    }

    /** The child of this type, or the reason the joiner cannot go on without it. */
    public Box require(String childType) throws NotJoinableException {
        return child(childType).orElseThrow(() -> new NotJoinableException("'" + type + "' has no '" + childType + "'"));
    }

    public List<Box> childrenOf(String childType) {
        return children == null ? List.of() : children.stream().filter(b -> b.type.equals(childType)).toList();
    }

    public Box withChildren(List<Box> newChildren) {
        return container(type, newChildren);
    }

    /** Size in bytes, header included (a 16-byte header only when the box outgrows 32 bits). */
    public long size() {
        long content = contentSize();
        return content + 8 > 0xFFFF_FFFFL ? content + 16 : content + 8;
    }

    private long contentSize() {
        if (children == null) {
            return body.length;
        }
        long total = 0;
        for (Box child : children) {
            total += child.size();
        }
        return total;
    }

    /** Adds this box's bytes to {@code out} in order: small header buffers and the bodies themselves, not copied. */
    public void appendTo(List<ByteBuffer> out) {
        long size = size();
        ByteBuffer header = size > 0xFFFF_FFFFL
            ? ByteBuffer.allocate(16).putInt(1).putInt(fourCc(type)).putLong(size)
            : ByteBuffer.allocate(8).putInt((int) size).putInt(fourCc(type));
        out.add(header.flip());
        if (children == null) {
            out.add(ByteBuffer.wrap(body));
        } else {
            children.forEach(child -> child.appendTo(out));
        }
    }

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size()));
        List<ByteBuffer> parts = new ArrayList<>();
        appendTo(parts);
        parts.forEach(out::put);
        return out.array();
    }

    static String fourCc(int code) {
        byte[] bytes = ByteBuffer.allocate(4).putInt(code).array();
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static int fourCc(String type) {
        return ByteBuffer.wrap(type.getBytes(StandardCharsets.ISO_8859_1)).getInt();
    }
}
