package org.attnsim.reports.cli;

import java.io.PrintWriter;
import org.attnsim.hwmodels.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The attnsim command line. User errors print one line {@code attnsim: error: ...} and exit with 2;
 * anything else is a bug and prints its stack trace with exit code 1.
 */
@Command(name = "attnsim", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Predicts how fast attention variants (MHA, MQA, GQA, SQA, SparQ) run on given hardware.",
        subcommands = {RunCommand.class, PredictCommand.class, HardwareCommand.class, DevicesCommand.class,
                CalibrateCommand.class, ValidateCommand.class, KernelBenchCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, badArgs) -> {
            String command = ex.getCommandLine().getCommandName();
            err.println("attnsim: error: " + ex.getMessage().replaceAll("\\s+", " ").trim()
                    + " (see 'attnsim " + (command.equals("attnsim") ? "" : command + " ") + "--help')");
            err.flush();
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InvalidInputException) {
                err.println("attnsim: error: " + ex.getMessage());
                err.flush();
                return USER_ERROR;
            }
            throw ex;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
