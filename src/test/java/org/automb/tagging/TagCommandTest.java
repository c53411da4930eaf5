package org.automb.tagging;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.automb.app.AutoM4bCommand;
import org.automb.io.Sha256;
import org.automb.testing.M4bInspector;
import org.automb.testing.TestAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tag PATH}: an m4b outside the pipeline tagged from Audible by the same tag stage; {@code --dry-run} shows
 * the diff and writes nothing, a re-tag is answered by the cache, {@code --refresh-metadata} asks again, and
 * {@code --region} chooses the marketplace.
 */
class TagCommandTest {

    private static final TestAudio AUDIO = TestAudio.bundled();
    private final WireMockServer audible = new WireMockServer(options().dynamicPort());

    @TempDir
    Path root;
    private String out = "";

    @BeforeEach
    void start() {
        audible.start();
    }

    @AfterEach
    void stop() {
        audible.stop();
    }

    @Test
    void aDryRunShowsTheChangesThenTheTagIsWrittenAndARetagAsksNobody() throws Exception {
        TagStageTest.serveHailMary(audible, root);
        Path book = AUDIO.aac(root.resolve("books/Some Book.m4b"), 2.0, 22050, 1, Map.of("album", "PHM"));
        String before = Sha256.of(book);

        assertThat(run("--tag", book.toString(), "--asin", TagStageTest.HAIL_MARY, "--region", "uk", "--dry-run"))
            .isEqualTo(AutoM4bCommand.EXIT_OK);
        assertThat(out).contains("would be tagged").contains("\u00a9alb: 'PHM' -> 'Project Hail Mary'");
        assertThat(Sha256.of(book)).as("a dry run writes nothing").isEqualTo(before);

        assertThat(run("--tag", root.resolve("books").toString(), "--asin", TagStageTest.HAIL_MARY, "--region", "uk"))
            .isEqualTo(AutoM4bCommand.EXIT_OK);
        Map<String, String> tags = new M4bInspector(AUDIO.tools()).inspect(book).tags();
        assertThat(tags).containsEntry("title", "Project Hail Mary").containsEntry("artist", "Andy Weir")
            .containsEntry("wwwaudiofile", "https://www.audible.co.uk/pd/" + TagStageTest.HAIL_MARY);
        assertThat(audible.findAll(getRequestedFor(urlPathEqualTo("/1.0/catalog/products/" + TagStageTest.HAIL_MARY))))
            .as("the second run answered by the cache").hasSize(1);

        assertThat(run("--tag", book.toString(), "--asin", TagStageTest.HAIL_MARY, "--region", "uk",
            "--refresh-metadata")).isEqualTo(AutoM4bCommand.EXIT_OK);
        assertThat(audible.findAll(getRequestedFor(urlPathEqualTo("/1.0/catalog/products/" + TagStageTest.HAIL_MARY))))
            .as("--refresh-metadata asks again").hasSize(2);
    }

    @Test
    void wrongArgumentsAreRefusedWithTheirName() throws Exception {
        Path book = AUDIO.aac(root.resolve("Some Book.m4b"), 1.0, 22050, 1, Map.of("album", "PHM"));
        assertThat(run("--tag", book.toString(), "--asin", "not-an-asin")).isEqualTo(2);
        assertThat(run("--tag", book.toString(), "--region", "mars")).isEqualTo(2);
        assertThat(run("--tag", root.resolve("nothing-here").toString())).isEqualTo(2);
        assertThat(run("--dry-run")).isEqualTo(2);
        assertThat(run("--once", "--output-naming={author}/{titel}")).as("OUTPUT_NAMING checked before the start")
            .isEqualTo(2);
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--audible-api-url=" + audible.baseUrl(), "--audnexus-url=" + audible.baseUrl(),
            "--config-folder=" + root.resolve("config"), "--working-folder=" + root.resolve("working"),
            "--inbox-folder=" + root.resolve("inbox"), "--converted-folder=" + root.resolve("converted")));
        PrintStream stdout = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return AutoM4bCommand.run(all.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            out = bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
