package org.automb.tagging;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Audible's HTML summaries as the plain text players show: tags dropped, entities decoded, each paragraph, list
 * item or {@code <br>} on a line of its own, no blank lines, spaces collapsed. jsoup parses the HTML as a browser
 * does (broken markup included); nothing of it is ever rendered or fetched.
 */
public final class HtmlText {

    /** The text of {@code html}; plain text passes through with its lines kept. */
    public String toPlainText(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText());
                } else if (node instanceof Element element && (element.nameIs("br") || element.isBlock())) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && element.isBlock()) {
                    out.append('\n');
                }
            }
        }, Jsoup.parseBodyFragment(html).body());
        List<String> lines = new ArrayList<>();
        for (String line : out.toString().split("\\R")) {
            String clean = line.replaceAll("[\\s\\u00a0]+", " ").strip();
            if (!clean.isEmpty()) {
                lines.add(clean);
            }
        }
        return String.join("\n", lines);
    }
}
