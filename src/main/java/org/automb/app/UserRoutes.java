package org.automb.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The user's own route files, {@code CONFIG_FOLDER/routes/*.yaml} and {@code *.xml} (Camel's YAML and XML DSLs, which
 * need no build; docs/plugins.md): loaded after the built-in routes
 * (they live in the config volume, so an upgrade of the program leaves them alone), and each one read before the start
 * so that a broken file is refused with its name, line and reason instead of a Camel stack trace.
 */
public final class UserRoutes {

    /** The folder under CONFIG_FOLDER the user's route files live in. */
    public static final String FOLDER = "routes";

    /** The DSLs a route file may be written in, by its extension: Camel's YAML and XML (camel-xml-io-dsl). */
    static final List<String> EXTENSIONS = List.of("yaml", "xml");

    private static final Pattern LINE = Pattern.compile("line (\\d+)");
    /** Where the XML parser stopped: "(position: ... @5:11)", the line it found the fault on. */
    private static final Pattern XML_POSITION = Pattern.compile("\\s*\\(position: .*@(\\d+):\\d+\\)", Pattern.DOTALL);

    private final Path folder;

    public UserRoutes(Path configFolder) {
        this.folder = configFolder.toAbsolutePath().normalize().resolve(FOLDER);
    }

    /** Where the files are: CONFIG_FOLDER/routes. */
    public Path folder() {
        return folder;
    }

    /**
     * Camel Main's routes-include-pattern: the built-in routes, then the user's (their order in Camel's loading); the
     * built-in ones alone while CONFIG_FOLDER/routes does not exist (Camel refuses a pattern on a missing folder).
     */
    public String includePattern(String builtIn) {
        if (!Files.isDirectory(folder)) {
            return builtIn;
        }
        StringBuilder pattern = new StringBuilder(builtIn);
        EXTENSIONS.forEach(extension -> pattern.append(",file:").append(folder).append("/*.").append(extension));
        return pattern.toString();
    }

    /**
     * ROUTES_RELOAD=Y: Camel Main's route watcher on CONFIG_FOLDER/routes. Only the routes of the file that changed
     * are replaced (remove-all-routes off: the built-in routes and the books in flight are never touched).
     */
    public java.util.Map<String, String> reloadProperties() {
        return java.util.Map.of(
            "camel.main.routes-reload-enabled", "true",
            "camel.main.routes-reload-directory", folder.toString(),
            "camel.main.routes-reload-pattern", String.join(",", EXTENSIONS.stream().map(e -> "*." + e).toList()),
            "camel.main.routes-reload-remove-all-routes", "false");
    }

    /** The user's route files, sorted by name; none when the folder does not exist. */
    public List<Path> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> listed = Files.list(folder)) {
            return listed.filter(p -> isRouteFile(p) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isRouteFile(Path file) {
        String name = file.getFileName().toString();
        return EXTENSIONS.stream().anyMatch(extension -> name.endsWith("." + extension));
    }

    /**
     * Reads every user route file with Camel's DSL for its extension in a context that is never started (no endpoint, bean or
     * consumer is created): one line per broken file, naming the file, the line where known and the reason.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Path file : files()) {
            check(file).ifPresent(problems::add);
        }
        return problems;
    }

    Optional<String> check(Path file) {
        try (DefaultCamelContext scratch = new DefaultCamelContext()) {
            scratch.getCamelContextExtension().setName("route-check");
            Resource resource = ResourceHelper.resolveMandatoryResource(scratch, "file:" + file);
            PluginHelper.getRoutesLoader(scratch).loadRoutes(resource);
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of(describe(file, e));
        }
    }

    /** "route file /config/routes/x.yaml, line 4: <reason>", one line. */
    static String describe(Path file, Throwable failure) {
        Throwable root = failure;
        String line = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Matcher xml = XML_POSITION.matcher(String.valueOf(t.getMessage()));
            Matcher m = LINE.matcher(String.valueOf(t.getMessage()));
            if (line == null && xml.find()) {
                line = xml.group(1);
            } else if (line == null && m.find()) {
                line = m.group(1);
            }
            root = t;
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String reason = firstLine(XML_POSITION.matcher(message).replaceFirst(""));
        return "route file " + file + (line == null ? "" : ", line " + line) + ": " + reason;
    }

    /**
     * The YAML parser's message without its position lines and source excerpts (" in file:..., line 6, column 16:",
     * the quoted line, the caret): "while scanning a quoted scalar: found unexpected end of stream".
     */
    private static String firstLine(String text) {
        return String.join(": ", text.strip().lines()
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))).toList());
    }
}
