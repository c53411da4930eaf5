package org.automb.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.automb.config.WebSettings.AuthMethod;
import org.automb.web.AccessGuard;
import org.automb.web.ApiKeyStore;
import org.automb.web.AuthEndpoints;
import org.automb.web.EventStream;
import org.automb.web.LoginSessions;
import org.automb.web.LoginThrottle;
import org.automb.web.PageFiles;
import org.automb.web.PasswordCheck;
import org.automb.web.WebPaths;
import org.automb.web.WebRoutes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's files on a real Vert.x router with the real guard, served from a class path the test builds (so it
 * knows every file, and a secret file lies next to the served roots): only files under the roots come out, with
 * the base tag in the pages; {@code ../}, encoded dots, backslashes, absolute paths and folders never do.
 */
class PageFilesTest {

    @TempDir
    Path classes;
    @TempDir
    Path config;

    private Vertx vertx;
    private WebClient client;

    @BeforeEach
    void serve() throws Exception {
        write("web/index.html", "<!DOCTYPE html><html><HEAD lang=\"en\"><title>dash</title></head><body>index</body></html>");
        write("web/login.html", "<html><head><base href=\"/\"><title>login</title></head><body>login</body></html>");
        write("web/assets/app.js", "console.log('app');");
        write("web/assets/img/logo.svg", "<svg/>");
        write("web/assets/folder.js/inner.txt", "a folder named like a file");
        write("web/secret.json", "{\"secret\":\"web-root-secret\"}");
        write("META-INF/resources/webjars/lib/1.0/lib.min.js", "lib();");
        write("application.properties", "SECRET=outside-the-roots");
        Files.writeString(config.resolve("passwd"), "root:x:0:0");
        ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);

        WebPaths paths = new WebPaths("/automb");
        ApiKeyStore key = ApiKeyStore.load("unit-test-key-0123456789", config, notice -> { });
        LoginSessions sessions = new LoginSessions(Clock.systemUTC());
        AccessGuard guard = new AccessGuard(paths, AuthMethod.FORMS, key, sessions);
        AuthEndpoints auth = new AuthEndpoints(paths, AuthMethod.FORMS, PasswordCheck.of("admin", "pw", key), sessions,
            new LoginThrottle(Clock.systemUTC()));
        EventStream events = new EventStream(consumer -> () -> { }, WebClient.JSON, EventStream.KEEP_ALIVE);

        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new WebRoutes(paths, guard, auth, new PageFiles(paths, loader), events).install(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = new WebClient(server.actualPort());
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void thePagesCarryTheBaseAndTheFilesTheirTypes() {
        WebClient.Answer login = client.get("/automb/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(login.body()).as("its own base tag replaced")
            .isEqualTo("<html><head><base href=\"/automb/\"><title>login</title></head><body>login</body></html>");

        WebClient.Answer index = client.get("/automb/", "X-Api-Key", "unit-test-key-0123456789");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).as("a base tag put first in the head")
            .startsWith("<!DOCTYPE html><html><HEAD lang=\"en\">\n<base href=\"/automb/\"><title>dash</title>");
        assertThat(client.get("/automb/index.html", "X-Api-Key", "unit-test-key-0123456789").body()).isEqualTo(index.body());

        WebClient.Answer app = client.get("/automb/assets/app.js");
        assertThat(app.status()).isEqualTo(200);
        assertThat(app.header("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(app.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(app.body()).isEqualTo("console.log('app');");
        assertThat(client.get("/automb/assets/img/logo.svg").header("Content-Type")).contains("image/svg+xml");
        WebClient.Answer lib = client.get("/automb/webjars/lib/1.0/lib.min.js");
        assertThat(lib.status()).isEqualTo(200);
        assertThat(lib.body()).isEqualTo("lib();");
        WebClient.Answer head = client.send("HEAD", "/automb/assets/app.js", null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void nothingOutsideTheRootsComesOut() {
        List<String> attempts = List.of(
            "/automb/assets/../secret.json", "/automb/assets/../../application.properties",
            "/automb/assets/%2e%2e/secret.json", "/automb/assets/%2E%2E/%2E%2E/application.properties",
            "/automb/assets/..%2fsecret.json", "/automb/assets/..%2F..%2Fapplication.properties",
            "/automb/assets/..%5csecret.json", "/automb/assets/..\\secret.json",
            "/automb/assets//etc/passwd", "/automb/assets/%2fetc%2fpasswd", "/automb/assets/" + config.resolve("passwd"),
            "/automb/assets/file:" + config.resolve("passwd"), "/automb/webjars/../web/secret.json", "/automb/assets/../../../../../../../../../../" + config.resolve("passwd"),
            "/automb/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e" + config.resolve("passwd"),
            "/automb/webjars/%2e%2e/%2e%2e/%2e%2e/%2e%2e/application.properties",
            "/automb/webjars/lib/1.0/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/application.properties",
            "/automb/assets/folder.js", "/automb/assets/img", "/automb/assets/", "/automb/assets/%00app.js",
            "/automb/assets/.%2e/secret.json", "/automb/assets/app.js%00.html", "/automb/secret.json",
            "/automb/web/secret.json", "/automb/../application.properties");
        for (String attempt : attempts) {
            // with the key too: credentials open the API, never the disk
            for (WebClient.Answer answer : List.of(client.raw(attempt),
                    client.raw(attempt, "X-Api-Key", "unit-test-key-0123456789"))) {
                assertThat(answer.status()).as(attempt).isIn(400, 401, 404);
                assertThat(answer.body()).as(attempt).doesNotContain("web-root-secret").doesNotContain("outside-the-roots")
                    .doesNotContain("root:x").doesNotContain("a folder named like a file");
            }
        }
    }

    @Test
    void onlyPlainRelativeNamesOfKnownTypesAreResources() {
        PageFiles files = new PageFiles(new WebPaths(""), getClass().getClassLoader());
        assertThat(files.resourceName("web/assets/", "app.js")).contains("web/assets/app.js");
        assertThat(files.resourceName("web/assets/", "img/logo.svg")).contains("web/assets/img/logo.svg");
        for (String bad : new String[] {"", "../x.js", "a/../x.js", "./x.js", "/etc/x.js", "a//x.js", "x", "a\\x.js",
                "..", "x.exe", "x.js/", ".hidden.js", "a%2f..%2fx.js", "x.js\u0000.png"}) {
            assertThat(files.resourceName("web/assets/", bad)).as(bad).isEmpty();
        }
    }

    private void write(String name, String text) throws Exception {
        Path file = classes.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
