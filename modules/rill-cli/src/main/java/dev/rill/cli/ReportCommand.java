package dev.rill.cli;

import dev.rill.report.ReportException;
import dev.rill.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", description = "Rebuild RUN_DIR/report.html (plots of the run's metrics); works while the run is going.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "RUN_DIR", description = "A run directory, as written by 'rill train --out RUN_DIR'.")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        Path page;
        try {
            page = RunReport.write(runDir);
        } catch (ReportException e) {
            throw new UsageException(e.getMessage());
        }
        main.out.println("report: " + page);
        return 0;
    }
}
