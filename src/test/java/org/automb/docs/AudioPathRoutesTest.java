package org.automb.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.automb.attempt.RouteKeys;
import org.automb.plan.AudioPath;
import org.automb.steps.FailureVerdict;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The routes show every audio path: attempt-book branches on the header {@link RouteKeys#AUDIO_PATH}, one branch per
 * {@link AudioPath}, each to a route with the path's id; and the book-errors route reads the failure verdict as the
 * Java names it.
 */
class AudioPathRoutesTest {

    private static final Path ROUTES = Path.of("routes/process-book.camel.yaml");

    @Test
    void everyAudioPathIsABranchOfAttemptBookToARouteWithItsId() throws Exception {
        List<Map<String, Object>> routes = routes();
        Map<String, String> branches = new LinkedHashMap<>();
        for (Map<String, Object> when : whens(steps(route(routes, "attempt-book")))) {
            String condition = (String) when.get("simple");
            String to = null;
            for (Map<String, Object> step : steps(when)) {
                if (step.containsKey("to")) {
                    to = (String) step.get("to");
                }
            }
            branches.put(condition, to);
        }

        for (AudioPath path : AudioPath.values()) {
            String condition = "${header." + RouteKeys.AUDIO_PATH + "} == '" + path.name() + "'";
            assertThat(branches).as("a branch for " + path).containsKey(condition);
            Map<String, Object> target = routeFrom(routes, branches.get(condition));
            assertThat(target.get("id")).as("the route of " + path).isEqualTo(path.routeId());
        }
        assertThat(branches).hasSize(AudioPath.values().length);
    }

    @Test
    void theRetryIsReadFromTheVerdictAsTheJavaNamesIt() throws Exception {
        String yaml = Files.readString(ROUTES);
        assertThat(yaml).contains("${exchangeProperty." + RouteKeys.VERDICT + ".retryAllowed}")
            .contains("${exchangeProperty." + RouteKeys.VERDICT + ".interruptedByStop}")
            .contains("${exchangeProperty." + RouteKeys.VERDICT + ".bookChanged}");

        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.start();
            Exchange exchange = new DefaultExchange(context);
            var simple = context.resolveLanguage("simple");
            exchange.setProperty(RouteKeys.VERDICT, FailureVerdict.retry(1));
            assertThat(simple.createPredicate("${exchangeProperty." + RouteKeys.VERDICT + ".retryAllowed}").matches(exchange)).isTrue();
            assertThat(simple.createPredicate("${exchangeProperty." + RouteKeys.VERDICT + ".bookChanged}").matches(exchange)).isFalse();
            exchange.setProperty(RouteKeys.VERDICT, FailureVerdict.stopped());
            assertThat(simple.createPredicate("${exchangeProperty." + RouteKeys.VERDICT + ".retryAllowed}").matches(exchange)).isFalse();
            assertThat(simple.createPredicate("${exchangeProperty." + RouteKeys.VERDICT + ".interruptedByStop}").matches(exchange)).isTrue();
        }
    }

    @Test
    void theBookRoutesNameOnlyThePropertiesAndHeadersOfRouteKeys() throws Exception {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (java.lang.reflect.Field field : RouteKeys.class.getFields()) {
            keys.add((String) field.get(null));
        }
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("\\$\\{(?:exchangeProperty|header)\\.(\\w+)")
            .matcher(Files.readString(ROUTES));
        List<String> used = new ArrayList<>();
        while (named.find()) {
            used.add(named.group(1));
        }

        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(keys).as("RouteKeys").contains(name));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> routes() throws Exception {
        List<Map<String, Object>> routes = new ArrayList<>();
        for (Object entry : (List<Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(ROUTES))) {
            Map<String, Object> item = (Map<String, Object>) entry;
            if (item.containsKey("route")) {
                routes.add((Map<String, Object>) item.get("route"));
            }
        }
        return routes;
    }

    private static Map<String, Object> route(List<Map<String, Object>> routes, String id) {
        return routes.stream().filter(r -> id.equals(r.get("id"))).findFirst().orElseThrow(() -> new AssertionError("no route " + id));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> routeFrom(List<Map<String, Object>> routes, String uri) {
        return routes.stream().filter(r -> uri.equals(((Map<String, Object>) r.get("from")).get("uri"))).findFirst()
            .orElseThrow(() -> new AssertionError("no route from " + uri));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> node) {
        Object from = node.get("from");
        Map<String, Object> holder = from != null ? (Map<String, Object>) from : node;
        return (List<Map<String, Object>>) holder.get("steps");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> whens(List<Map<String, Object>> steps) {
        for (Map<String, Object> step : steps) {
            if (step.containsKey("choice")) {
                Map<String, Object> choice = (Map<String, Object>) step.get("choice");
                List<Map<String, Object>> whens = (List<Map<String, Object>>) choice.get("when");
                if (whens.stream().anyMatch(w -> String.valueOf(w.get("simple")).contains(RouteKeys.AUDIO_PATH))) {
                    return whens;
                }
            }
        }
        throw new AssertionError("attempt-book has no choice on the audio path");
    }
}
