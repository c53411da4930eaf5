package org.automb.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4 (what Prometheus itself scrapes): every line must be a
 * comment, {@code # HELP}, {@code # TYPE} or a sample {@code name{label="value",...} value [timestamp]}, label values
 * with their escapes, every sample of a family declared by {@code # TYPE} before it. It fails on anything else, so a
 * scrape it reads is one Prometheus reads.
 * <p>
 * Hand-written for the tests: the Prometheus Java client (io.prometheus:prometheus-metrics-*) only writes the format,
 * and no maintained Java parser of it is published on Maven Central.
 */
record PrometheusText(Map<String, String> types, List<Sample> samples) {

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ")( .*)?");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final List<String> SUFFIXES = List.of("_bucket", "_sum", "_count", "_total", "_created", "_max");

    static PrometheusText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (line.startsWith("#")) {
                    Matcher type = TYPE.matcher(line);
                    if (type.matches()) {
                        if (types.put(type.group(1), type.group(2)) != null) {
                            throw new IllegalArgumentException("a second TYPE for " + type.group(1));
                        }
                    } else if (line.startsWith("# TYPE") || line.startsWith("# HELP") && !HELP.matcher(line).matches()) {
                        throw new IllegalArgumentException("a bad TYPE or HELP line");
                    }
                    continue;
                }
                Sample sample = sample(line);
                if (family(sample.name(), types).isEmpty()) {
                    throw new IllegalArgumentException("no TYPE before the sample " + sample.name());
                }
                samples.add(sample);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + number + " (" + line + "): " + e.getMessage(), e);
            }
        }
        return new PrometheusText(types, samples);
    }

    /** The family a sample name belongs to: itself, or itself less a histogram, summary or counter suffix. */
    static Optional<String> family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return Optional.of(name);
        }
        return SUFFIXES.stream().filter(name::endsWith).map(s -> name.substring(0, name.length() - s.length()))
            .filter(types::containsKey).findFirst();
    }

    private static Sample sample(String line) {
        Matcher name = NAME.matcher(line);
        if (!name.lookingAt()) {
            throw new IllegalArgumentException("no metric name");
        }
        int at = name.end();
        Map<String, String> labels = new HashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                Matcher label = LABEL_NAME.matcher(line).region(at, line.length());
                if (!label.lookingAt() || line.charAt(label.end()) != '=' || line.charAt(label.end() + 1) != '"') {
                    throw new IllegalArgumentException("a bad label at " + at);
                }
                StringBuilder value = new StringBuilder();
                int i = label.end() + 2;
                for (char c = line.charAt(i); c != '"'; c = line.charAt(++i)) {
                    if (c == '\\') {
                        char next = line.charAt(++i);
                        value.append(switch (next) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new IllegalArgumentException("a bad escape \\" + next);
                        });
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label.group(), value.toString()) != null) {
                    throw new IllegalArgumentException("label " + label.group() + " twice");
                }
                at = i + 1;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        String[] rest = line.substring(at).strip().split(" ");
        if (line.charAt(at) != ' ' || rest.length < 1 || rest.length > 2) {
            throw new IllegalArgumentException("a sample needs a value and at most a timestamp");
        }
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        return new Sample(name.group(), Map.copyOf(labels), value(rest[0]));
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The samples named {@code name} whose labels include {@code labels}. */
    List<Sample> find(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
            .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** The one sample named {@code name} with {@code labels} (among others), its value. */
    double value(String name, Map<String, String> labels) {
        List<Sample> found = find(name, labels);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + labels + " in the scrape");
        }
        return found.get(0).value();
    }
}
