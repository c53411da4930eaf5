package org.automb.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The queries of a Grafana dashboard JSON (docs/grafana/auto-m4b.json), for tests that run them on Prometheus. */
final class GrafanaDashboard {

    /** {@code $name}, {@code ${name}} or {@code [[name]]}: a Grafana variable in a query. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");

    /** One panel's target query as written in the dashboard. */
    record Query(String panel, String refId, String expr) {

        /**
         * The PromQL Grafana would send: every variable replaced by its value in {@code values}.
         *
         * @throws IllegalArgumentException naming the panel and the variable when one has no value
         */
        String promql(Map<String, String> values) {
            Matcher matcher = VARIABLE.matcher(expr);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1) != null ? matcher.group(1)
                    : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
                String value = values.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("panel '" + panel + "' (" + refId + "): no value for the Grafana"
                        + " variable $" + name + " in " + expr);
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            return out.toString();
        }
    }

    private final JsonNode dashboard;

    private GrafanaDashboard(JsonNode dashboard) {
        this.dashboard = dashboard;
    }

    static GrafanaDashboard read(Path file) throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
    }

    /** Every target query of every panel, those of panels inside rows included, in the dashboard's order. */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        collect(dashboard.path("panels"), queries);
        return queries;
    }

    /** The {@code definition} of each templating variable ({@code label_values(metric, label)}...). */
    Map<String, String> variableDefinitions() {
        Map<String, String> definitions = new java.util.LinkedHashMap<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            definitions.put(variable.path("name").asText(), variable.path("definition").asText());
        }
        return definitions;
    }

    private static void collect(JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new Query(panel.path("title").asText(), target.path("refId").asText(),
                        target.get("expr").asText()));
                }
            }
            collect(panel.path("panels"), queries); // a collapsed row holds its panels
        }
    }
}
