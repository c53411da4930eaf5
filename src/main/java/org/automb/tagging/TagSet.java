package org.automb.tagging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tags an m4b holds or should hold: atom id ({@link Mp4Atoms}) to typed value, in the order they were added.
 * Immutable; built with {@link #builder()}.
 */
public final class TagSet {

    private static final TagSet EMPTY = new TagSet(Map.of());

    private final Map<String, TagValue> fields;

    private TagSet(Map<String, TagValue> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public static TagSet empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these fields, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.fields.putAll(fields);
        return builder;
    }

    /** Every field, in order. */
    public Map<String, TagValue> fields() {
        return fields;
    }

    public Optional<TagValue> get(String id) {
        return Optional.ofNullable(fields.get(id));
    }

    /** The field's text ({@link TagValue#display()}), or empty when it is absent. */
    public String text(String id) {
        TagValue value = fields.get(id);
        return value == null ? "" : value.display();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The same set with only the fields whose ids are in {@code ids}. */
    public TagSet only(Set<String> ids) {
        Map<String, TagValue> kept = new LinkedHashMap<>(fields);
        kept.keySet().retainAll(ids);
        return new TagSet(kept);
    }

    /**
     * What writing this set over a file holding {@code old} changes: each of this set's fields whose value differs
     * (in this set's order). Fields only {@code old} has are kept by the writer, so they are no change.
     */
    public List<TagChange> diff(TagSet old) {
        List<TagChange> changes = new ArrayList<>();
        for (Map.Entry<String, TagValue> field : fields.entrySet()) {
            TagValue before = old.fields.get(field.getKey());
            if (!field.getValue().equals(before)) {
                changes.add(new TagChange(field.getKey(), before == null ? "" : before.display(),
                    field.getValue().display()));
            }
        }
        return changes;
    }

    @Override
    public boolean equals(Object other) {
        // the order is how a set was built, not what it holds
        return other instanceof TagSet set && fields.equals(set.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "TagSet" + fields;
    }

    /** Collects fields; a blank text is no field (nothing is known, so nothing is written). */
    public static final class Builder {
        private final Map<String, TagValue> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets {@code id} to {@code value} (replacing an earlier value, keeping its place). */
        public Builder put(String id, TagValue value) {
            if (id == null || id.isEmpty()) {
                throw new IllegalArgumentException("a tag field needs an id");
            }
            fields.put(id, value);
            return this;
        }

        /** Sets a text field, or nothing when {@code text} is null or blank. */
        public Builder text(String id, String text) {
            if (text != null && !text.isBlank()) {
                put(id, new TagValue.Text(text.strip()));
            }
            return this;
        }

        /** Sets the same text in each of {@code ids}. */
        public Builder text(List<String> ids, String text) {
            ids.forEach(id -> text(id, text));
            return this;
        }

        public Builder number(String id, int value) {
            return put(id, new TagValue.Number(value));
        }

        public Builder code(String id, int value) {
            return put(id, new TagValue.Code(value));
        }

        public Builder flag(String id, boolean value) {
            return put(id, new TagValue.Flag(value));
        }

        /** Sets the cover (a JPEG or PNG image, else IllegalArgumentException); an empty image is no cover. */
        public Builder cover(byte[] image) {
            if (image != null && image.length > 0) {
                put(Mp4Atoms.COVER, TagValue.Cover.of(image));
            }
            return this;
        }

        public Builder remove(String id) {
            fields.remove(id);
            return this;
        }

        public TagSet build() {
            return fields.isEmpty() ? EMPTY : new TagSet(fields);
        }
    }

}
