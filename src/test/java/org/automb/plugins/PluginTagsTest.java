package org.automb.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.automb.tagging.Mp4Atoms;
import org.automb.tagging.TagValue;
import org.junit.jupiter.api.Test;

class PluginTagsTest {

    @Test
    void knownNamesAreTheirAtomsOthersFreeform() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("AutoM4bTag.genre", " Science Fiction\n");
        headers.put("AutoM4bTag.Grouping", "Dune");
        headers.put("AutoM4bTag.MOOD", "calm");
        headers.put("AutoM4bBookKey", "Dune");
        assertThat(PluginTags.from(headers).fields()).containsExactly(
            Map.entry(Mp4Atoms.GENRE, new TagValue.Text("Science Fiction")),
            Map.entry(Mp4Atoms.GROUPING, new TagValue.Text("Dune")),
            Map.entry(Mp4Atoms.freeform("MOOD"), new TagValue.Text("calm")));
    }

    @Test
    void aBlankValueWritesNothing() {
        assertThat(PluginTags.from(Map.of("AutoM4bTag.genre", "  \n")).isEmpty()).isTrue();
    }

    @Test
    void aNameThatIsNoTagNameIsRefusedWithTheHeader() {
        assertThatThrownBy(() -> PluginTags.from(Map.of("AutoM4bTag.my tag", "x")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AutoM4bTag.my tag")
            .hasMessageContaining("genre");
    }
}
