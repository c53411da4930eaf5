package org.automb.media.ffmpeg;

import java.util.List;
import org.apache.camel.Message;
import org.apache.camel.component.exec.ExecBinding;

/** Puts a command (executable first, then its arguments as a list) into the headers camel-exec reads. */
public final class ExecHeaders {

    private ExecHeaders() {
    }

    public static void set(Message message, List<String> command) {
        message.setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, command.get(0));
        message.setHeader(ExecBinding.EXEC_COMMAND_ARGS, List.copyOf(command.subList(1, command.size())));
    }
}
