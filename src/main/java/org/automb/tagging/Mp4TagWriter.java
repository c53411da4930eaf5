package org.automb.tagging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.automb.io.PartialsJournal;
import org.automb.io.SafeMover;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.Tag;
import org.jaudiotagger.tag.TagField;
import org.jaudiotagger.tag.mp4.Mp4FieldKey;
import org.jaudiotagger.tag.mp4.Mp4Tag;
import org.jaudiotagger.tag.mp4.Mp4TagField;
import org.jaudiotagger.tag.mp4.field.Mp4FieldType;
import org.jaudiotagger.tag.mp4.field.Mp4TagByteField;
import org.jaudiotagger.tag.mp4.field.Mp4TagCoverField;
import org.jaudiotagger.tag.mp4.field.Mp4TagReverseDnsField;
import org.jaudiotagger.tag.mp4.field.Mp4TagTextField;

/**
 * Writes a {@link TagSet} into an m4b without ever leaving it half-written: the tags go into a copy beside it
 * ({@code .auto-m4b-<hex>.partial}), the copy is checked against the original (same duration, same chapters, same
 * audio and chapter-track samples, the tags read back as written) and only then renamed over it. On any failure the
 * original is untouched and the copy removed. Fields the set does not name are kept as they are.
 *
 * <p>jaudiotagger writes the {@code ilst}; it keeps the chapter track and {@code chpl}, and moves the 32-bit chunk
 * offsets of every track when the moov (at the front of a faststart file) grows. Offsets it leaves behind (64-bit
 * ones) are put back from the original's by {@link ChunkOffsetRepair}; the check decides either way.
 */
public final class Mp4TagWriter {

    /** jaudiotagger logs every atom it reads at INFO through java.util.logging; kept here: JUL holds loggers weakly. */
    private final Logger quietLibrary = Logger.getLogger("org.jaudiotagger");
    private final BookIntegrity integrity;
    private final Optional<PartialsJournal> journal;

    /**
     * @param probe   reads the duration and chapters as players do (the in-JVM libav probe in the service)
     * @param journal where the copy is written down while it exists, so a start after a crash removes it
     */
    public Mp4TagWriter(MediaProbe probe, Optional<PartialsJournal> journal) {
        this.integrity = new BookIntegrity(probe);
        this.journal = journal;
        quietLibrary.setLevel(Level.OFF);
    }

    /** The tags {@code m4b} holds now (a cover by its bytes). */
    public TagSet read(Path m4b) throws IOException {
        Tag tag;
        try {
            tag = AudioFileIO.readAs(m4b.toFile(), "m4b").getTag();
        } catch (Exception e) {
            throw new IOException(m4b.getFileName() + ": its tags cannot be read: " + reason(e), e);
        }
        TagSet.Builder tags = TagSet.builder();
        if (tag == null) {
            return tags.build();
        }
        Iterator<TagField> fields = tag.getFields();
        while (fields.hasNext()) {
            TagField field = fields.next();
            value(field).ifPresent(value -> tags.put(field.getId(), value));
        }
        return tags.build();
    }

    /**
     * Writes {@code tags} into {@code m4b}, replacing the fields they name; fails with the reason when the book
     * cannot be read, the copy cannot be written, or the tagged copy differs from the book in anything but its tags.
     */
    public void write(Path m4b, TagSet tags) throws TagWriteFailure {
        BookIntegrity.Facts before;
        try {
            before = integrity.read(m4b);
        } catch (IOException e) {
            throw new TagWriteFailure(m4b, "the book cannot be read: " + reason(e), e);
        }
        Path partial = SafeMover.partialBeside(m4b);
        Path entry = null;
        try {
            entry = journal.isPresent() ? journal.get().record(partial) : null;
            Files.copy(m4b, partial, StandardCopyOption.COPY_ATTRIBUTES);
            writeInto(partial, tags);
            check(m4b, partial, before, tags);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, m4b, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (TagWriteFailure e) {
            throw e;
        } catch (Exception e) {
            throw new TagWriteFailure(m4b, "the tags could not be written: " + reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // the journal entry stays: the next start removes the copy
                entry = null;
            }
            if (entry != null) {
                journal.get().forget(entry);
            }
        }
    }

    private void writeInto(Path copy, TagSet tags) throws Exception {
        AudioFile file = AudioFileIO.readAs(copy.toFile(), "m4b");
        Mp4Tag tag = file.getTag() instanceof Mp4Tag existing ? existing : new Mp4Tag();
        for (Map.Entry<String, TagValue> field : tags.fields().entrySet()) {
            tag.deleteField(field.getKey());
            tag.addField(field(field.getKey(), field.getValue()));
        }
        file.setTag(tag);
        AudioFileIO.write(file);
    }

    /**
     * Fails unless the copy is the book with the tags: everything else as it was, the tags read back as given. A copy
     * whose samples are no longer where its tables say gets its chunk offsets put back once (see
     * {@link ChunkOffsetRepair}) and is checked again.
     */
    private void check(Path m4b, Path copy, BookIntegrity.Facts before, TagSet tags) throws IOException {
        List<String> problems = problems(copy, before, tags);
        if (!problems.isEmpty() && ChunkOffsetRepair.repair(m4b, copy)) {
            problems = problems(copy, before, tags);
        }
        if (!problems.isEmpty()) {
            throw new TagWriteFailure(m4b, "the tagged copy was not kept, " + String.join("; ", problems));
        }
    }

    private List<String> problems(Path copy, BookIntegrity.Facts before, TagSet tags) throws IOException {
        List<String> problems = new ArrayList<>(BookIntegrity.differences(before, integrity.read(copy)));
        TagSet written = read(copy).only(tags.fields().keySet());
        if (!written.equals(tags)) {
            problems.add("the tags read back differ: " + tags.diff(written));
        }
        return problems;
    }

    /** The jaudiotagger field holding {@code value} under {@code id}. */
    static Mp4TagField field(String id, TagValue value) throws Exception {
        if (Mp4Atoms.isFreeform(id)) {
            String[] parts = id.split(":", 3);
            return new Mp4TagReverseDnsField(id, parts[1], parts[2], value.display());
        }
        if (value instanceof TagValue.Number number) {
            return new Mp4TagByteField(key(id), Integer.toString(number.value()), 2);
        }
        if (value instanceof TagValue.Code code) {
            return new Mp4TagByteField(key(id), Integer.toString(code.value()), 1);
        }
        if (value instanceof TagValue.Flag flag) {
            return new Mp4TagByteField(key(id), flag.value() ? "1" : "0", 1);
        }
        if (value instanceof TagValue.Cover cover) {
            return new Mp4TagCoverField(cover.bytes());
        }
        return new Mp4TagTextField(id, ((TagValue.Text) value).text());
    }

    /** jaudiotagger's key for a numeric atom (it needs one to write a number). */
    private static Mp4FieldKey key(String id) {
        for (Mp4FieldKey key : Mp4FieldKey.values()) {
            if (key.getFieldName().equals(id)) {
                return key;
            }
        }
        throw new IllegalArgumentException("no numeric MP4 atom '" + id + "' is known");
    }

    /** A field as a value: numbers by the atom's kind, a cover by its bytes, anything else as its text. */
    private static Optional<TagValue> value(TagField field) {
        if (field instanceof Mp4TagCoverField cover) {
            String mime = cover.getFieldType() == Mp4FieldType.COVERART_PNG ? "image/png" : "image/jpeg";
            return Optional.of(new TagValue.Cover(cover.getData(), mime));
        }
        if (field instanceof Mp4TagByteField number) {
            int n;
            try {
                n = Integer.parseInt(number.getContent().strip());
            } catch (NumberFormatException e) {
                return Optional.of(new TagValue.Text(number.getContent()));
            }
            if (field.getId().equals(Mp4Atoms.GAPLESS)) {
                return Optional.of(new TagValue.Flag(n != 0));
            }
            boolean oneByte = !field.getId().equals(Mp4Atoms.MOVEMENT_INDEX) && n >= 0 && n <= 255;
            return Optional.of(oneByte ? new TagValue.Code(n) : new TagValue.Number(n));
        }
        if (field instanceof Mp4TagReverseDnsField text) {
            return Optional.of(new TagValue.Text(text.getContent()));
        }
        if (field instanceof Mp4TagTextField text) {
            return Optional.of(new TagValue.Text(text.getContent()));
        }
        String shown = field.toString();
        return shown == null || shown.isBlank() ? Optional.empty() : Optional.of(new TagValue.Text(shown));
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
