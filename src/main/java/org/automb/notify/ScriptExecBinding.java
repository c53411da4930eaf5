package org.automb.notify;

import java.io.InputStream;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecEndpoint;
import org.apache.camel.component.exec.impl.DefaultExecBinding;

/**
 * camel-exec's binding for the post-convert script ({@code binding=#postConvertScriptBinding}): camel-exec's own,
 * plus the environment variables of header {@link #ENVIRONMENT}, which camel-exec has no option for. The values
 * travel as a map to {@link ScriptProcess} and from there into the process's environment as they are: no shell,
 * no command line, no quoting.
 */
public final class ScriptExecBinding extends DefaultExecBinding {

    /** The header holding the script's extra environment variables, a {@code Map<String, String>}. */
    public static final String ENVIRONMENT = "AutoM4bScriptEnvironment";

    @Override
    public ExecCommand readInput(Exchange exchange, ExecEndpoint endpoint) {
        ExecCommand command = super.readInput(exchange, endpoint);
        @SuppressWarnings("unchecked")
        Map<String, String> environment = exchange.getIn().removeHeader(ENVIRONMENT) instanceof Map<?, ?> map
            ? (Map<String, String>) map : Map.of();
        return new Command(command, environment);
    }

    /** camel-exec's command with the environment variables to add to the service's own. */
    public static final class Command extends ExecCommand {

        private static final long serialVersionUID = 1L;

        private final Map<String, String> environment;

        Command(ExecCommand command, Map<String, String> environment) {
            this(command.getExecutable(), command.getArgs(), command.getWorkingDir(), command.getTimeout(),
                command.getExitValues(), command.getInput(), command.getOutFile(), command.isUseStderrOnEmptyStdout(),
                command.getCommandLogLevel(), environment);
        }

        /** For the executor's own tests: a command as the binding makes it. */
        public Command(String executable, List<String> args, String workingDir, long timeoutMillis,
                       Map<String, String> environment) {
            this(executable, args, workingDir, timeoutMillis, Set.of(), null, null, false, LoggingLevel.OFF,
                environment);
        }

        private Command(String executable, List<String> args, String workingDir, long timeout,
                        Set<Integer> exitValues, InputStream input, File outFile, boolean useStderrOnEmptyStdout,
                        LoggingLevel logLevel, Map<String, String> environment) {
            super(executable, args, workingDir, timeout, exitValues, input, outFile, useStderrOnEmptyStdout, logLevel);
            this.environment = Map.copyOf(environment);
        }

        /** Added to the service's environment (and win over it); never part of {@link #toString()}. */
        public Map<String, String> environment() {
            return environment;
        }
    }
}
