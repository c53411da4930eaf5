package org.automb.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.automb.config.SettingDef;
import org.automb.config.SettingsCatalog;

/**
 * Writes the settings table of docs/configuration.md from {@link SettingsCatalog}, the source of {@code --help-config},
 * so the two never drift. Only the part between the two marker comments is generated; the rest of the file is prose.
 * Run {@link #main} after changing the catalog (command in docs/configuration.md); {@code ConfigurationTableTest} fails
 * until the file matches.
 */
public final class ConfigurationTable {

    static final Path DOC = Path.of("docs/configuration.md");
    static final String BEGIN = "<!-- settings table: generated from config.SettingsCatalog by org.automb.docs.ConfigurationTable; do not edit by hand -->";
    static final String END = "<!-- end of settings table -->";

    private ConfigurationTable() {
    }

    /** The markdown table of every setting, in catalog order, with the markers around it. */
    static String render() {
        // defaults computed from the machine (CPU_CORES, MAX_PARALLEL_BOOKS) differ between two core counts
        List<SettingDef> one = new SettingsCatalog(3).all();
        List<SettingDef> other = new SettingsCatalog(5).all();
        StringBuilder out = new StringBuilder(BEGIN).append('\n')
            .append("| setting | type | default | meaning |\n|---|---|---|---|\n");
        for (int i = 0; i < one.size(); i++) {
            SettingDef def = one.get(i);
            String fallback = def.defaultValue().equals(other.get(i).defaultValue())
                ? (def.defaultValue().isEmpty() ? "(unset)" : "`" + def.defaultValue() + "`")
                : "number of cores";
            out.append("| `").append(def.name()).append("` | ").append(cell(def.type())).append(" | ")
                .append(fallback).append(" | ").append(cell(def.meaning())).append(" |\n");
        }
        return out.append(END).toString();
    }

    /** The document with its generated part replaced by {@code table}; the markers must be there once each. */
    static String withTable(String document, String table) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin || document.indexOf(BEGIN, begin + 1) >= 0) {
            throw new IllegalStateException(DOC + " must hold the markers " + BEGIN + " and " + END + " once each, in that order");
        }
        return document.substring(0, begin) + table + document.substring(end + END.length());
    }

    /** Escapes what markdown would take as a cell border, an HTML tag or emphasis. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "\\<").replace("*", "\\*");
    }

    /** Rewrites docs/configuration.md's settings table from the catalog (run from the repository root). */
    public static void main(String[] args) throws IOException {
        Path doc = args.length > 0 ? Path.of(args[0]) : DOC;
        String before = Files.readString(doc);
        String after = withTable(before, render());
        Files.writeString(doc, after);
        System.out.println(before.equals(after) ? doc + ": settings table already up to date" : doc + ": settings table rewritten");
    }
}
