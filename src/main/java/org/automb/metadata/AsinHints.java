package org.automb.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Finds the ASIN a book folder names, so the book needs no catalog search. Looks, in this order, at the folder's name
 * ({@code [B0XXXXXXXX]} or {@code {ASIN.B0XXXXXXXX}}), its files' names, the sources' {@code ASIN}/{@code AUDIBLE_ASIN}
 * tags, {@code asin.txt}, Audiobookshelf's {@code metadata.json} and an OPF file. An unreadable file is passed over:
 * a hint is a help, never a reason to fail a book.
 */
public final class AsinHints {

    private static final Logger LOG = LoggerFactory.getLogger(AsinHints.class);

    /** An ASIN: Audible's {@code B} + nine, or an ISBN-10 (books sold as audio under their ISBN). */
    public static final Pattern ASIN = Pattern.compile("^(B[\\dA-Z]{9}|\\d{9}(X|\\d))$");
    /** {@code [B0XXXXXXXX]} or {@code {ASIN.B0XXXXXXXX}} in a name. */
    static final Pattern NAME_MARKER = Pattern.compile(
        "\\[(B[\\dA-Z]{9}|\\d{9}[X\\d])]|\\{ASIN\\.(B[\\dA-Z]{9}|\\d{9}[X\\d])}", Pattern.CASE_INSENSITIVE);
    /** An OPF identifier written {@code ASIN:B0...} or {@code AUDIBLE_ASIN:B0...}. */
    private static final Pattern PREFIXED_IDENTIFIER = Pattern.compile("^(?:AUDIBLE_ASIN|ASIN)\\s*[:=]\\s*(\\S+)$",
        Pattern.CASE_INSENSITIVE);
    private static final List<String> TAG_NAMES = List.of("asin", "audible_asin");
    /** Deep enough for {@code Book/CD 1/track.mp3}, shallow enough to stay quick in a large folder. */
    private static final int FILE_DEPTH = 3;
    private static final long MAX_HINT_FILE_BYTES = 1 << 20;

    private final ObjectMapper mapper;

    public AsinHints(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** True for a valid ASIN (upper case). */
    public static boolean isAsin(String value) {
        return value != null && ASIN.matcher(value).matches();
    }

    /**
     * The first ASIN the book folder or its sources name.
     *
     * @param bookFolder the book's folder (a single-file book's folder too)
     * @param tags       the sources' tags, keys in any case
     */
    public Optional<AsinHint> find(Path bookFolder, Map<String, String> tags) {
        return fromName(bookFolder.getFileName() == null ? "" : bookFolder.getFileName().toString())
            .map(asin -> new AsinHint(asin, AsinHint.Source.FOLDER_NAME, bookFolder.getFileName().toString()))
            .or(() -> fromFileNames(bookFolder))
            .or(() -> fromTags(tags))
            .or(() -> fromAsinTxt(bookFolder))
            .or(() -> fromMetadataJson(bookFolder))
            .or(() -> fromOpf(bookFolder));
    }

    /** The ASIN in a {@code [B0...]} or {@code {ASIN.B0...}} marker of {@code name}. */
    static Optional<String> fromName(String name) {
        Matcher marker = NAME_MARKER.matcher(name);
        while (marker.find()) {
            String asin = (marker.group(1) != null ? marker.group(1) : marker.group(2)).toUpperCase(Locale.ROOT);
            if (isAsin(asin)) {
                return Optional.of(asin);
            }
        }
        return Optional.empty();
    }

    private Optional<AsinHint> fromFileNames(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(folder, FILE_DEPTH)) {
            return files.filter(f -> !f.equals(folder)).map(f -> f.getFileName().toString()).sorted()
                .flatMap(name -> fromName(name).map(asin -> new AsinHint(asin, AsinHint.Source.FILE_NAME, name)).stream())
                .findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.debug("cannot list {} for ASIN hints: {}", folder, e.toString());
            return Optional.empty();
        }
    }

    private static Optional<AsinHint> fromTags(Map<String, String> tags) {
        for (String wanted : TAG_NAMES) {
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                String value = tag.getValue() == null ? "" : tag.getValue().trim().toUpperCase(Locale.ROOT);
                if (tag.getKey() != null && tag.getKey().trim().equalsIgnoreCase(wanted) && isAsin(value)) {
                    return Optional.of(new AsinHint(value, AsinHint.Source.TAG, tag.getKey()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<AsinHint> fromAsinTxt(Path folder) {
        return fileNamed(folder, "asin.txt").flatMap(file -> read(file).flatMap(text -> Stream.of(text.split("\\s+"))
            .map(word -> word.trim().toUpperCase(Locale.ROOT)).filter(AsinHints::isAsin).findFirst()
            .map(asin -> new AsinHint(asin, AsinHint.Source.ASIN_TXT, file.getFileName().toString()))));
    }

    private Optional<AsinHint> fromMetadataJson(Path folder) {
        return fileNamed(folder, "metadata.json").flatMap(file -> read(file).flatMap(text -> {
            try {
                JsonNode root = mapper.readTree(text);
                // Audiobookshelf writes it at the top; some versions nest the book's fields under "metadata"
                return Stream.of(root.path("asin"), root.path("metadata").path("asin"))
                    .map(node -> node.asText("").trim().toUpperCase(Locale.ROOT)).filter(AsinHints::isAsin).findFirst();
            } catch (IOException e) {
                LOG.debug("{} is not readable JSON: {}", file, e.getMessage());
                return Optional.empty();
            }
        }).map(asin -> new AsinHint(asin, AsinHint.Source.METADATA_JSON, file.getFileName().toString())));
    }

    private static Optional<AsinHint> fromOpf(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".opf"))
                .filter(Files::isRegularFile).sorted()
                .flatMap(opf -> asinInOpf(opf).map(asin -> new AsinHint(asin, AsinHint.Source.OPF,
                    opf.getFileName().toString())).stream())
                .findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.debug("cannot list {} for OPF files: {}", folder, e.toString());
            return Optional.empty();
        }
    }

    /**
     * The ASIN of an OPF package: {@code <dc:identifier opf:scheme="ASIN">}, an identifier written
     * {@code ASIN:...}/{@code AUDIBLE_ASIN:...}, {@code <meta property="...asin">} (OPF 3) or
     * {@code <meta name="...asin" content="...">} (OPF 2, as calibre writes).
     */
    static Optional<String> asinInOpf(Path opf) {
        Optional<Document> document = parseXml(opf);
        if (document.isEmpty()) {
            return Optional.empty();
        }
        NodeList identifiers = document.get().getElementsByTagNameNS("*", "identifier");
        for (int i = 0; i < identifiers.getLength(); i++) {
            Element identifier = (Element) identifiers.item(i);
            String scheme = attribute(identifier, "scheme");
            String text = identifier.getTextContent().trim();
            Matcher prefixed = PREFIXED_IDENTIFIER.matcher(text);
            String value = scheme.equalsIgnoreCase("ASIN") || scheme.equalsIgnoreCase("AUDIBLE_ASIN") ? text
                : prefixed.matches() ? prefixed.group(1) : "";
            if (isAsin(value.toUpperCase(Locale.ROOT))) {
                return Optional.of(value.toUpperCase(Locale.ROOT));
            }
        }
        NodeList metas = document.get().getElementsByTagNameNS("*", "meta");
        for (int i = 0; i < metas.getLength(); i++) {
            Element meta = (Element) metas.item(i);
            String property = attribute(meta, "property") + attribute(meta, "name");
            if (property.toLowerCase(Locale.ROOT).endsWith("asin")) {
                String value = (meta.hasAttribute("content") ? meta.getAttribute("content") : meta.getTextContent())
                    .trim().toUpperCase(Locale.ROOT);
                if (isAsin(value)) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    /** An attribute by local name, in whatever namespace ({@code opf:scheme} or a bare {@code scheme}). */
    private static String attribute(Element element, String localName) {
        for (int i = 0; i < element.getAttributes().getLength(); i++) {
            org.w3c.dom.Node attribute = element.getAttributes().item(i);
            String name = attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getNodeName();
            if (name.equalsIgnoreCase(localName)) {
                return attribute.getNodeValue().trim();
            }
        }
        return "";
    }

    private static Optional<Document> parseXml(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // a metadata file from the internet: no DTDs, no external entities
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            return Optional.of(factory.newDocumentBuilder().parse(in));
        } catch (IOException | SAXException | ParserConfigurationException e) {
            LOG.debug("{} is not readable XML: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** The regular file in {@code folder} named {@code name}, in any case. */
    private static Optional<Path> fileNamed(Path folder, String name) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().equalsIgnoreCase(name)).filter(Files::isRegularFile)
                .sorted().findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.debug("cannot list {}: {}", folder, e.toString());
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            if (Files.size(file) > MAX_HINT_FILE_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
