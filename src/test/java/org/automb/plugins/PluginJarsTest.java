package org.automb.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.automb.testing.PluginJarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars built at test time: a good one binds its beans and routes and lends its classes to route files; a jar
 * that is not a zip, a listed class that does not load or is of the wrong type, and a bean that throws are each one
 * line naming the jar and the reason.
 */
class PluginJarsTest {

    @TempDir
    Path config;

    private PluginJars plugins() {
        return new PluginJars(config);
    }

    private Path jar(String name) {
        return plugins().folder().resolve(name);
    }

    static final String GREETER = """
        package com.example.greet;

        import org.apache.camel.BindToRegistry;
        import org.apache.camel.CamelConfiguration;
        import org.apache.camel.CamelContext;

        public class Greeter implements CamelConfiguration {
            @BindToRegistry("greeter")
            public Greeter greeter() {
                return this;
            }

            public String greet(String name) {
                return "hello " + name;
            }

            @Override
            public void configure(CamelContext context) {
                context.getGlobalOptions().put("greeterConfigured", "yes");
            }
        }
        """;

    static final String ROUTES = """
        package com.example.greet;

        import org.apache.camel.builder.RouteBuilder;

        public class GreetRoutes extends RouteBuilder {
            @Override
            public void configure() {
                from("direct:plugin-greet").routeId("plugin-greet").bean("greeter", "greet");
            }
        }
        """;

    @Test
    void noJarsNoProblemsAndNothingLoaded() throws Exception {
        assertThat(plugins().problems()).isEmpty();
        java.nio.file.Files.createDirectories(plugins().folder());
        assertThat(plugins().problemsWhenLoaded()).isEmpty();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            assertThat(plugins().load(context)).isNull();
        }
    }

    @Test
    void aGoodJarBindsItsBeansAndRoutesAndLendsItsClassesToRouteFiles() throws Exception {
        new PluginJarBuilder().against(org.apache.camel.builder.RouteBuilder.class)
            .against(org.apache.camel.util.function.VoidFunction.class).source(GREETER).source(ROUTES)
            .resource(PluginJars.CONFIGURATIONS, "# the plugin's beans\ncom.example.greet.Greeter\n")
            .resource(PluginJars.ROUTES_BUILDERS, "com.example.greet.GreetRoutes\n")
            .build(jar("greet.jar"));
        // a route file that names the plugin's class, as a user's CONFIG_FOLDER/routes/*.yaml may
        Path routeFile = Files.writeString(Files.createDirectories(config.resolve("routes")).resolve("greet.yaml"), """
            - route:
                id: greet-by-class
                from:
                  uri: direct:greet-by-class
                  steps:
                    - bean:
                        beanType: com.example.greet.Greeter
                        method: greet
            """);
        assertThat(plugins().problems()).isEmpty();
        assertThat(plugins().problemsWhenLoaded()).isEmpty();
        // the start's check of the route files reads them without the plugins' classes: naming one is no problem
        assertThat(new org.automb.app.UserRoutes(config).problems()).isEmpty();

        try (DefaultCamelContext context = new DefaultCamelContext()) {
            assertThat(plugins().load(context)).isNotNull().isSameAs(context.getApplicationContextClassLoader());
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, "file:" + routeFile));
            context.start();

            assertThat(context.getGlobalOptions()).containsEntry("greeterConfigured", "yes");
            assertThat(context.getRegistry().lookupByName("greeter")).isNotNull();
            var template = context.createProducerTemplate();
            assertThat(template.requestBody("direct:plugin-greet", "reader", String.class)).isEqualTo("hello reader");
            assertThat(template.requestBody("direct:greet-by-class", "reader", String.class)).isEqualTo("hello reader");
        }
    }

    @Test
    void aJarThatIsNotAZipIsNamed() throws Exception {
        Files.createDirectories(plugins().folder());
        Files.writeString(jar("broken.jar"), "not a jar");

        assertThat(plugins().problems()).singleElement().asString()
            .startsWith("plugin jar " + jar("broken.jar") + ": not a jar (zip) file");
        assertThat(plugins().problemsWhenLoaded()).hasSize(1);
    }

    @Test
    void aListedClassThatDoesNotLoadOrIsOfTheWrongTypeIsNamed() {
        new PluginJarBuilder().source(GREETER)
            .resource(PluginJars.CONFIGURATIONS, "com.example.greet.Missing\n")
            .build(jar("a-missing.jar"));
        new PluginJarBuilder().source(GREETER)
            .resource(PluginJars.ROUTES_BUILDERS, "com.example.greet.Greeter\n")
            .build(jar("b-wrong-type.jar"));

        assertThat(plugins().problems()).containsExactly(
            "plugin jar " + jar("a-missing.jar") + ": class com.example.greet.Missing cannot be loaded:"
                + " ClassNotFoundException: com.example.greet.Missing",
            "plugin jar " + jar("b-wrong-type.jar") + ": class com.example.greet.Greeter is listed in"
                + " META-INF/services/org.apache.camel.RoutesBuilder but is not a org.apache.camel.RoutesBuilder");
    }

    @Test
    void aBeanThatThrowsIsNamedWithItsJarWhenLoaded() throws Exception {
        new PluginJarBuilder().source("""
                package com.example.bad;

                import org.apache.camel.BindToRegistry;
                import org.apache.camel.CamelConfiguration;

                public class Bad implements CamelConfiguration {
                    @BindToRegistry("bad")
                    public Object bad() {
                        throw new IllegalStateException("no licence key");
                    }
                }
                """)
            .resource(PluginJars.CONFIGURATIONS, "com.example.bad.Bad\n")
            .build(jar("bad.jar"));

        // nothing of the plugin's code runs in the static check
        assertThat(plugins().problems()).isEmpty();
        assertThat(plugins().problemsWhenLoaded()).singleElement().asString()
            .startsWith("plugin jar " + jar("bad.jar") + ": com.example.bad.Bad failed: ")
            .contains("no licence key");
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            assertThatThrownBy(() -> plugins().load(context)).isInstanceOf(PluginJars.BrokenPluginException.class)
                .hasMessageContaining(jar("bad.jar").toString()).hasMessageContaining("no licence key");
        }
    }

    @Test
    void aBeanNamedAsOneOfTheServiceIsRefused() throws Exception {
        new PluginJarBuilder().source("""
                package com.example.clash;

                import org.apache.camel.BindToRegistry;
                import org.apache.camel.CamelConfiguration;

                public class Clash implements CamelConfiguration {
                    @BindToRegistry("bookSteps")
                    public Object steps() {
                        return "not the service's steps";
                    }
                }
                """)
            .resource(PluginJars.CONFIGURATIONS, "com.example.clash.Clash\n")
            .build(jar("clash.jar"));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Object serviceBean = new Object();
            context.getRegistry().bind("bookSteps", serviceBean);
            assertThatThrownBy(() -> plugins().load(context)).isInstanceOf(PluginJars.BrokenPluginException.class)
                .hasMessage("plugin jar " + jar("clash.jar") + ": com.example.clash.Clash binds the bean 'bookSteps',"
                    + " a name the service uses already: give it a name of its own");
            assertThat(context.getRegistry().lookupByName("bookSteps")).isSameAs(serviceBean);
        }
    }
}
