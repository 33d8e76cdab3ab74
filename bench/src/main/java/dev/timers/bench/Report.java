package dev.timers.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** report.md: the machine, the summary against the targets, each scenario's figures, the plots. */
final class Report {

    private Report() {}

    static void write(
            Path file,
            String title,
            Map<String, String> machine,
            Map<String, Object> summary,
            List<Target> targets,
            Map<String, Map<String, Object>> scenarios,
            List<String> notes,
            List<String> plots)
            throws IOException {
        var md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("## Machine and run\n\n| | |\n|---|---|\n");
        machine.forEach((key, value) -> row(md, key, value));
        md.append("\n## Summary (`summary.json`)\n\n| key | value |\n|---|---|\n");
        summary.forEach((key, value) -> row(md, "`" + key + "`", String.valueOf(value)));
        md.append("\n## Targets\n\n| target | measured | |\n|---|---|---|\n");
        for (Target target : targets) {
            md.append("| ")
                    .append(target.what())
                    .append(" | ")
                    .append(target.measured())
                    .append(" | **")
                    .append(target.verdict())
                    .append("** |\n");
        }
        md.append("\n## Plots\n\n");
        for (String plot : plots) {
            md.append("![").append(plot).append("](").append(plot).append(")\n\n");
        }
        md.append("## Scenarios\n\nEvery figure each scenario wrote (its JSON file, flattened). Times in ms unless"
                + " named otherwise.\n");
        scenarios.forEach((name, json) -> {
            md.append("\n### ").append(name).append("\n\n| figure | value |\n|---|---|\n");
            flatten(md, "", json);
        });
        md.append("\n## Notes\n\n");
        for (String note : notes) {
            md.append("- ").append(note).append("\n");
        }
        Files.writeString(file, md);
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ")
                .append(key)
                .append(" | ")
                .append(value.replace("|", "\\|"))
                .append(" |\n");
    }

    @SuppressWarnings("unchecked")
    private static void flatten(StringBuilder md, String prefix, Object node) {
        if (node instanceof Map<?, ?> map) {
            ((Map<String, Object>) map)
                    .forEach((key, value) -> flatten(md, prefix.isEmpty() ? key : prefix + "." + key, value));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(md, prefix + "[" + i + "]", list.get(i));
            }
        } else {
            row(md, prefix, String.valueOf(node));
        }
    }
}
