package org.automb.convert;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.exec.ExecBinding;

/** Puts a command (executable first, then its arguments as a list) into the headers camel-exec reads. */
public final class ExecHeaders {

    private ExecHeaders() {
    }

    public static void set(Exchange exchange, List<String> command) {
        exchange.getIn().setHeader(ExecBinding.EXEC_COMMAND_EXECUTABLE, command.get(0));
        exchange.getIn().setHeader(ExecBinding.EXEC_COMMAND_ARGS, List.copyOf(command.subList(1, command.size())));
    }
}
