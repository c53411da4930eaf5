package org.automb.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a user's Java plugin jar at test time, as docs/plugins.md tells a user to: the sources compiled by the JDK's
 * compiler against camel-api alone (what a plugin may depend on), packed with their {@code META-INF/services} files.
 */
public final class PluginJarBuilder {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern TYPE = Pattern.compile("(?m)^public\\s+(?:final\\s+)?(?:class|interface|record)\\s+(\\w+)");

    private final List<String> sources = new ArrayList<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Path> classpath = new ArrayList<>(List.of(camelApiJar()));

    /** Compiles against the jar that holds {@code type} too (camel-api alone by default). */
    public PluginJarBuilder against(Class<?> type) {
        try {
            classpath.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A Java source file (its name and folder come from its package and public type). */
    public PluginJarBuilder source(String javaSource) {
        sources.add(javaSource);
        return this;
    }

    /** A file in the jar, e.g. {@code META-INF/services/org.apache.camel.CamelConfiguration}. */
    public PluginJarBuilder resource(String path, String content) {
        resources.put(path, content);
        return this;
    }

    /** Compiles the sources (failing the test with javac's messages) and writes the jar to {@code jar}. */
    public Path build(Path jar) {
        try {
            Path work = Files.createTempDirectory("plugin-build");
            Path src = work.resolve("src");
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17",
                "-classpath",
                String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList())));
            for (String source : sources) {
                Path file = src.resolve(packageOf(source).replace('.', '/')).resolve(typeOf(source) + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source);
                arguments.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            java.io.ByteArrayOutputStream messages = new java.io.ByteArrayOutputStream();
            int exit = javac.run(null, messages, messages, arguments.toArray(String[]::new));
            if (exit != 0) {
                throw new IllegalStateException("the plugin does not compile: " + messages.toString(StandardCharsets.UTF_8));
            }
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream packed = new JarOutputStream(out);
                 Stream<Path> compiled = Files.walk(classes)) {
                for (Path file : compiled.filter(Files::isRegularFile).sorted().toList()) {
                    packed.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    packed.write(Files.readAllBytes(file));
                    packed.closeEntry();
                }
                for (Map.Entry<String, String> resource : resources.entrySet()) {
                    packed.putNextEntry(new JarEntry(resource.getKey()));
                    packed.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                    packed.closeEntry();
                }
            }
            new org.automb.io.SafeMover().deleteTree(work);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The camel-api jar the service runs with: the one dependency a plugin has. */
    public static Path camelApiJar() {
        try {
            return Path.of(org.apache.camel.CamelConfiguration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String packageOf(String source) {
        Matcher m = PACKAGE.matcher(source);
        return m.find() ? m.group(1) : "";
    }

    private static String typeOf(String source) {
        Matcher m = TYPE.matcher(source);
        if (!m.find()) {
            throw new IllegalArgumentException("no public type in the plugin source");
        }
        return m.group(1);
    }
}
