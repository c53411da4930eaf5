package org.automb.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.automb.jobs.BookRun;
import org.automb.jobs.PermanentFailure;
import org.automb.jobs.TransientFailure;

/** A book that is already one .m4b: copied to the working folder as is (no re-encode) and validated like any output. */
public final class PassthroughStep {

    public void copyToWorking(BookRun run) {
        Path source = run.plan().sources().get(0).file();
        // kept as it is, the book is only checked by its header: a copy cut short must not pass for whole
        ShortSourceFinder.cutShort(run.plan().sources()).ifPresent(cut -> {
            throw new PermanentFailure(run.book().key(), cut.file(), cut.reason(), "");
        });
        Path output = run.workDir().resolve("output.m4b");
        try {
            Files.copy(source, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TransientFailure(run.book().key(), source, "cannot copy the m4b: " + e.getMessage(), e);
        }
        run.workingOutput(output);
        run.audioMillis(Math.round(run.plan().totalSeconds() * 1000));
    }
}
