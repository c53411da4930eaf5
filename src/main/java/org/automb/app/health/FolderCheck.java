package org.automb.app.health;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.automb.config.FolderRules;

/** {@code folder-inbox}, {@code folder-converted}, …: the folder exists and the service may read and write it. */
public final class FolderCheck extends ReadinessCheck {

    private final String setting;
    private final Path folder;

    public FolderCheck(FolderRules.Folder folder, int order) {
        super(nameOf(folder.setting()), order);
        this.setting = folder.setting();
        this.folder = folder.path();
    }

    /** INBOX_FOLDER → folder-inbox. */
    static String nameOf(String setting) {
        return "folder-" + setting.replaceFirst("_FOLDER$", "").toLowerCase(Locale.ROOT);
    }

    @Override
    protected Optional<String> problem() {
        // access(2) checks only: a probe file would be a new entry in the inbox, seen by the scanner as a book
        if (!Files.isDirectory(folder)) {
            return Optional.of(setting + "=" + folder + (Files.exists(folder) ? " is not a folder" : " does not exist"));
        }
        if (!Files.isReadable(folder)) {
            return Optional.of(setting + "=" + folder + " is not readable by the service");
        }
        if (!Files.isWritable(folder)) {
            return Optional.of(setting + "=" + folder + " is not writable by the service");
        }
        return Optional.empty();
    }

    @Override
    protected String issueTitle() {
        if (!Files.isDirectory(folder)) {
            return setting + (Files.exists(folder) ? " is not a folder" : " does not exist");
        }
        return setting + (Files.isReadable(folder) ? " is not writable" : " is not readable");
    }

    @Override
    protected String remedy() {
        return "Create it, or let the user the service runs as read and write it (owner, mode, the volume's mount), or"
            + " point " + setting + " at a folder it may use. Books that need it fail or wait until then.";
    }
}
