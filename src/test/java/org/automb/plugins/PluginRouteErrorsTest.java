package org.automb.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluginRouteErrorsTest {

    @Test
    void onlyTheExtensionPointsAreTheUsersRoutes() {
        assertThat(PluginRouteErrors.isExtensionPoint("direct:plugin-before-convert")).isTrue();
        assertThat(PluginRouteErrors.isExtensionPoint("direct:plugin-before-deliver")).isTrue();
        assertThat(PluginRouteErrors.isExtensionPoint("direct:plugin-after-deliver")).isTrue();
        assertThat(PluginRouteErrors.isExtensionPoint("direct:plugin-intake")).isTrue();
        assertThat(PluginRouteErrors.isExtensionPoint("direct:plugin-event-needs-review")).isTrue();
        assertThat(PluginRouteErrors.isExtensionPoint("direct:plugin-after-deliver?timeout=1000")).isTrue();
        // the built-in route that hands the events to the points keeps its error handling
        assertThat(PluginRouteErrors.isExtensionPoint("direct:plugin-events")).isFalse();
        assertThat(PluginRouteErrors.isExtensionPoint("direct:inbox-pass")).isFalse();
        assertThat(PluginRouteErrors.isExtensionPoint("seda:plugin-before-convert")).isFalse();
        assertThat(PluginRouteErrors.isExtensionPoint(null)).isFalse();
    }
}
