package org.automb.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    private final HtmlText html = new HtmlText();

    @Test
    void paragraphsAndBreaksBecomeLinesAndEntitiesAreDecoded() {
        assertThat(html.toPlainText("<p><b>Bold</b>  start &amp; more&nbsp;text</p><p>Second &ndash; &#39;quoted&#39;<br/>"
            + "next line</p><ul><li>one</li><li>two</li></ul>"))
            .isEqualTo("Bold start & more text\nSecond – 'quoted'\nnext line\none\ntwo");
    }

    @Test
    void plainTextKeepsItsLinesAndBrokenMarkupLosesNoWords() {
        assertThat(html.toPlainText("Line one\nLine two")).isEqualTo("Line one\nLine two");
        assertThat(html.toPlainText("<p>Unclosed <i>italic</p>end &lt;3 &bogus; 5 &lt 6")).isEqualTo("Unclosed italic\nend <3 &bogus; 5 < 6");
        assertThat(html.toPlainText("")).isEmpty();
        assertThat(html.toPlainText(null)).isEmpty();
    }
}
