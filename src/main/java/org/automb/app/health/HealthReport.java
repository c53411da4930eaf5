package org.automb.app.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a health endpoint answers: UP when every check is UP (HTTP 200), DOWN otherwise (HTTP 503), and each
 * check by name, a DOWN one with its reason: {@code {"status":"UP","checks":[{"name":"folder-inbox","status":"UP"}]}}.
 */
public record HealthReport(List<Check> checks) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One named check; {@code reason} is null when it is up. */
    public record Check(String name, boolean up, String reason) {
    }

    public HealthReport {
        checks = List.copyOf(checks);
    }

    /** No check at all is not a healthy service: the checks were not registered. */
    public boolean up() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::up);
    }

    public int httpStatus() {
        return up() ? 200 : 503;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", status(up()));
        ArrayNode list = root.putArray("checks");
        for (Check check : checks) {
            ObjectNode node = list.addObject();
            node.put("name", check.name());
            node.put("status", status(check.up()));
            if (!check.up()) {
                node.put("reason", check.reason());
            }
        }
        return root.toString();
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
