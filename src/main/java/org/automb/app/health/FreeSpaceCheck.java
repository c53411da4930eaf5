package org.automb.app.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code free-space}: the folders a conversion writes (working and converted, as
 * {@link org.automb.deliver.FreeSpaceGuard} sees them) have more than {@code MIN_FREE_SPACE_MB} free. A book needs its
 * own size on top, which only the guard knows when the book comes.
 */
public final class FreeSpaceCheck extends ReadinessCheck {

    public static final String NAME = "free-space";

    private final Map<String, Path> folders;
    private final long minFreeMb;

    /** @param folders setting name → folder, in the order they are reported */
    public FreeSpaceCheck(Map<String, Path> folders, long minFreeMb, int order) {
        super(NAME, order);
        this.folders = folders;
        this.minFreeMb = minFreeMb;
    }

    @Override
    protected Optional<String> problem() {
        List<String> lowOnSpace = new ArrayList<>();
        for (Map.Entry<String, Path> folder : folders.entrySet()) {
            try {
                long freeMb = Files.getFileStore(folder.getValue()).getUsableSpace() / (1024 * 1024);
                if (freeMb <= minFreeMb) {
                    lowOnSpace.add(folder.getKey() + "=" + folder.getValue() + " has " + freeMb + " MB free, MIN_FREE_SPACE_MB=" + minFreeMb);
                }
            } catch (IOException e) {
                lowOnSpace.add("cannot read the free space of " + folder.getKey() + "=" + folder.getValue() + ": " + e.getMessage());
            }
        }
        return lowOnSpace.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lowOnSpace));
    }

    @Override
    protected String issueTitle() {
        return "Disk space low";
    }

    @Override
    protected String remedy() {
        return "Free some space on that disk (or lower MIN_FREE_SPACE_MB). Until then a book without room to convert"
            + " fails for now and is retried later.";
    }
}
