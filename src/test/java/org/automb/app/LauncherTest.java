package org.automb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/auto-m4b} starts the JVM with the memory options that keep the service small, and lets {@code JAVA_OPTS}
 * replace them without a clash (two collectors stop the JVM). The real launcher runs the real JVM; the jar it
 * starts is a small one that reports what the JVM was given.
 */
class LauncherTest {

    @TempDir
    Path folder;

    @Test
    void theServiceRunsOnTheSerialCollectorWithABoundedHeapByDefault() throws Exception {
        Map<String, String> jvm = launch("");
        assertThat(jvm.get("collectors")).contains("MarkSweepCompact");
        assertThat(jvm.get("arguments")).contains("-Xms32m", "-Xmx512m");
        assertThat(Files.exists(folder.resolve("probe.jsa"))).as("class-data-sharing archive made").isTrue();
    }

    @Test
    void javaOptsNamingACollectorOrHeapSizesReplaceTheDefaults() throws Exception {
        Map<String, String> jvm = launch("-XX:+UseG1GC -Xmx1g -Xms64m");
        assertThat(jvm.get("collectors")).contains("G1").doesNotContain("MarkSweepCompact");
        assertThat(jvm.get("arguments")).doesNotContain("-Xmx512m", "-Xms32m", "UseSerialGC").contains("-Xmx1g");
        assertThat(Long.parseLong(jvm.get("maxHeap"))).isGreaterThan(900L << 20);
    }

    @Test
    void otherJavaOptsKeepTheMemoryDefaults() throws Exception {
        Map<String, String> jvm = launch("-Dsome.property=1 -XX:MaxGCPauseMillis=100");
        assertThat(jvm.get("collectors")).contains("MarkSweepCompact");
        assertThat(jvm.get("arguments")).contains("-Xmx512m", "-Dsome.property=1");
    }

    /** Runs bin/auto-m4b on the reporting jar; returns what the started JVM reported. */
    private Map<String, String> launch(String javaOpts) throws Exception {
        Path jar = reportingJar();
        ProcessBuilder builder = new ProcessBuilder("sh", Path.of("bin/auto-m4b").toAbsolutePath().toString(), "report")
            .redirectErrorStream(true);
        builder.environment().put("AUTO_M4B_JAR", jar.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", javaOpts);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("launcher exit; output: %s", output).isZero();
        return output.lines().filter(line -> line.contains("="))
            .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1)));
    }

    private Path reportingJar() throws IOException {
        Path jar = folder.resolve("probe.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, JvmReport.class.getName());
        String entry = JvmReport.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
             InputStream classFile = JvmReport.class.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jarOut);
            jarOut.closeEntry();
        }
        return jar;
    }

    /** The started jar's main: prints the JVM's collectors, heap limit and options (the training start's too: it ends at once, and the launcher keeps its archive). */
    public static final class JvmReport {
        public static void main(String[] args) {
            List<String> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList();
            System.out.println("collectors=" + collectors);
            System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
            System.out.println("arguments=" + ManagementFactory.getRuntimeMXBean().getInputArguments());
        }
    }
}
