package org.automb.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Java plugins: the jars in {@code CONFIG_FOLDER/plugins} (docs/plugins.md). At start they go, sorted by name, into
 * one class loader (its parent the application's) that becomes Camel's application class loader, so the user's route
 * files can name their classes and beans. A jar's entry points use Camel's own contracts, so that a plugin needs only
 * camel-api: the classes listed in its {@code META-INF/services/org.apache.camel.CamelConfiguration} are created, their
 * {@code @BindToRegistry} beans bound by Camel's bean post-processor and their {@code configure(CamelContext)} called
 * (what Camel Main does with its configuration classes); those in {@code META-INF/services/org.apache.camel.RoutesBuilder}
 * add their routes. A jar that cannot be used stops the start with one line naming it and the reason.
 */
public final class PluginJars {

    /** The folder under CONFIG_FOLDER the plugin jars live in. */
    public static final String FOLDER = "plugins";

    /** The provider-configuration file (java.util.ServiceLoader's format) of a jar's configuration classes. */
    public static final String CONFIGURATIONS = "META-INF/services/" + CamelConfiguration.class.getName();
    /** The provider-configuration file of a jar's route builders. */
    public static final String ROUTES_BUILDERS = "META-INF/services/" + RoutesBuilder.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(PluginJars.class);

    private final Path folder;

    public PluginJars(Path configFolder) {
        this.folder = configFolder.toAbsolutePath().normalize().resolve(FOLDER);
    }

    /** Where the jars are: CONFIG_FOLDER/plugins. */
    public Path folder() {
        return folder;
    }

    /** The plugin jars, sorted by name; none when the folder does not exist. */
    public List<Path> jars() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar that cannot be used: {@code plugin jar <path>: <reason>}, one line. */
    public static final class BrokenPluginException extends RuntimeException {
        private final Path jar;

        BrokenPluginException(Path jar, String reason, Throwable cause) {
            super("plugin jar " + jar + ": " + reason, cause);
            this.jar = jar;
        }

        public Path jar() {
            return jar;
        }

        /** The broken plugin behind a start-up failure (Camel wraps what a configuration class throws), if it is one. */
        public static java.util.Optional<BrokenPluginException> in(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof BrokenPluginException broken) {
                    return java.util.Optional.of(broken);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** What one jar brought: the classes it listed (configurations first, then route builders). */
    public record LoadedJar(Path jar, List<String> configurations, List<String> routesBuilders) {
        public LoadedJar {
            configurations = List.copyOf(configurations);
            routesBuilders = List.copyOf(routesBuilders);
        }

        /** "shelf.jar (com.example.ShelfPlugin)", or "libs.jar (classes only)". */
        public String describe() {
            List<String> classes = new ArrayList<>(configurations);
            classes.addAll(routesBuilders);
            return jar.getFileName() + " (" + (classes.isEmpty() ? "classes only" : String.join(", ", classes)) + ")";
        }
    }

    /**
     * What can be checked without running a plugin's code: each jar opens as a jar, and each class its services files
     * list loads (not initialised), is of the listed type and has a public constructor without parameters. One line
     * per broken jar (its first problem). The start and {@code --validate} refuse a configuration with any.
     */
    public List<String> problems() {
        List<Path> jars;
        try {
            jars = jars();
        } catch (UncheckedIOException e) {
            return List.of("the plugin jars in " + folder + " cannot be listed: " + e.getCause().getMessage());
        }
        if (jars.isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        try (URLClassLoader loader = loaderOf(jars)) {
            for (Path jar : jars) {
                try {
                    LoadedJar listed = read(jar);
                    for (String name : listed.configurations()) {
                        checkClass(loader, jar, name, CamelConfiguration.class);
                    }
                    for (String name : listed.routesBuilders()) {
                        checkClass(loader, jar, name, RoutesBuilder.class);
                    }
                } catch (BrokenPluginException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add("plugin jars in " + folder + " cannot be closed: " + e.getMessage());
        }
        return problems;
    }

    /**
     * {@link #problems()}, then, when there are none, the plugins loaded into a Camel context that is never started
     * (their beans created, {@code configure} called): {@code --validate}'s check, which also finds a bean that
     * throws. The plugins see an empty context there, without the service's own beans.
     */
    public List<String> problemsWhenLoaded() {
        List<String> problems = problems();
        if (!problems.isEmpty() || !Files.isDirectory(folder)) {
            return problems;
        }
        try (DefaultCamelContext scratch = new DefaultCamelContext()) {
            scratch.getCamelContextExtension().setName("plugin-check");
            URLClassLoader loader = load(scratch);
            if (loader != null) {
                loader.close();
            }
            return List.of();
        } catch (BrokenPluginException e) {
            return List.of(e.getMessage());
        } catch (IOException e) {
            return List.of("plugin jars in " + folder + " cannot be closed: " + e.getMessage());
        }
    }

    /**
     * Loads every jar into one class loader, makes it {@code context}'s application class loader and binds the
     * plugins' beans and routes; logs one line per jar. Call before the routes are loaded (a configuration class's
     * {@code configure} is that time). Throws {@link BrokenPluginException} for the first jar that fails.
     *
     * @return the plugins' class loader (the service keeps it open while it runs); null when there is no jar
     */
    public URLClassLoader load(CamelContext context) {
        List<Path> jars = jars();
        if (jars.isEmpty()) {
            return null;
        }
        URLClassLoader loader = loaderOf(jars);
        context.setApplicationContextClassLoader(loader);
        CamelBeanPostProcessor beans = PluginHelper.getBeanPostProcessor(context);
        List<String> loaded = new ArrayList<>();
        for (Path jar : jars) {
            LoadedJar listed = read(jar);
            for (String name : listed.configurations()) {
                CamelConfiguration configuration = instantiate(loader, jar, name, CamelConfiguration.class);
                refuseTakenNames(context, jar, name, configuration.getClass());
                try {
                    // as Camel Main does for its configuration classes: beans bound, then configure
                    beans.postProcessBeforeInitialization(configuration, name);
                    beans.postProcessAfterInitialization(configuration, name);
                    configuration.configure(context);
                } catch (Exception | LinkageError e) {
                    throw new BrokenPluginException(jar, name + " failed: " + reason(e), e);
                }
            }
            for (String name : listed.routesBuilders()) {
                RoutesBuilder routes = instantiate(loader, jar, name, RoutesBuilder.class);
                try {
                    beans.postProcessBeforeInitialization(routes, name);
                    beans.postProcessAfterInitialization(routes, name);
                    context.addRoutes(routes);
                } catch (Exception | LinkageError e) {
                    throw new BrokenPluginException(jar, name + " failed: " + reason(e), e);
                }
            }
            loaded.add(listed.describe());
        }
        LOG.info("plugins loaded from {}: {}", folder, String.join(", ", loaded));
        return loader;
    }

    /**
     * A plugin bean bound under a name the service's own beans have would replace one of them (Camel's registry
     * binds over a name silently) and break the built-in routes: refused, naming the bean.
     */
    private static void refuseTakenNames(CamelContext context, Path jar, String name, Class<?> type) {
        for (String bean : boundNames(type)) {
            if (context.getRegistry().lookupByName(bean) != null) {
                throw new BrokenPluginException(jar, name + " binds the bean '" + bean
                    + "', a name the service uses already: give it a name of its own", null);
            }
        }
    }

    /** The names the {@code @BindToRegistry} methods and fields of {@code type} bind, as Camel names them. */
    static List<String> boundNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Method method : c.getDeclaredMethods()) {
                org.apache.camel.BindToRegistry bind = method.getAnnotation(org.apache.camel.BindToRegistry.class);
                if (bind != null) {
                    names.add(bind.value().isEmpty() ? method.getName() : bind.value());
                }
            }
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                org.apache.camel.BindToRegistry bind = field.getAnnotation(org.apache.camel.BindToRegistry.class);
                if (bind != null) {
                    names.add(bind.value().isEmpty() ? field.getName() : bind.value());
                }
            }
        }
        return names;
    }

    private URLClassLoader loaderOf(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new BrokenPluginException(jars.get(i), "cannot be named as a URL: " + e.getMessage(), e);
            }
        }
        return new URLClassLoader("auto-m4b-plugins", urls, PluginJars.class.getClassLoader());
    }

    /** Opens the jar and reads the class names its two services files list. */
    static LoadedJar read(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return new LoadedJar(jar, listed(file, CONFIGURATIONS), listed(file, ROUTES_BUILDERS));
        } catch (java.util.zip.ZipException e) {
            throw new BrokenPluginException(jar, "not a jar (zip) file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BrokenPluginException(jar, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** java.util.ServiceLoader's format: one class name a line, '#' starts a comment. */
    private static List<String> listed(JarFile file, String entry) throws IOException {
        ZipEntry found = file.getEntry(entry);
        if (found == null) {
            return List.of();
        }
        try (InputStream in = file.getInputStream(found)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
        }
    }

    private static void checkClass(ClassLoader loader, Path jar, String name, Class<?> type) {
        Class<?> found;
        try {
            found = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BrokenPluginException(jar, "class " + name + " cannot be loaded: " + reason(e), e);
        }
        if (!type.isAssignableFrom(found)) {
            throw new BrokenPluginException(jar, "class " + name + " is listed in META-INF/services/" + type.getName()
                + " but is not a " + type.getName(), null);
        }
        try {
            if (Modifier.isAbstract(found.getModifiers()) || !Modifier.isPublic(found.getConstructor().getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException | LinkageError e) {
            throw new BrokenPluginException(jar, "class " + name + " needs a public constructor without parameters", e);
        }
    }

    private static <T> T instantiate(ClassLoader loader, Path jar, String name, Class<T> type) {
        checkClass(loader, jar, name, type);
        try {
            return type.cast(Class.forName(name, true, loader).getConstructor().newInstance());
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new BrokenPluginException(jar, name + " failed: " + reason(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new BrokenPluginException(jar, "class " + name + " cannot be created: " + reason(e), e);
        }
    }

    /** The deepest cause's message (Camel wraps what a bean method throws), or its type when it has none. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getName()
            : root.getClass().getSimpleName() + ": " + message.strip().lines().findFirst().orElse("");
    }
}
