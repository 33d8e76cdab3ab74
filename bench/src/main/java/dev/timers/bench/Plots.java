package dev.timers.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's PNG plots, drawn with JFreeChart (headless). */
final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private Plots() {}

    /** Lateness CDFs, one line per scheduler, on a logarithmic time axis. */
    static void cdf(Path file, Map<String, Latency> byName) throws IOException {
        var data = new XYSeriesCollection();
        byName.forEach((name, latency) -> {
            var series = new XYSeries(name);
            Histogram histogram = latency.copy();
            long total = histogram.getTotalCount();
            long seen = 0;
            for (HistogramIterationValue value : histogram.recordedValues()) {
                seen += value.getCountAtValueIteratedTo();
                double ms = Math.max(0.1, histogram.highestEquivalentValue(value.getValueIteratedTo()) / 1000.0);
                series.addOrUpdate(ms, seen / (double) total);
            }
            data.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Fire lateness, steady part (CDF)",
                "lateness (ms, log)",
                "fraction delivered",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYPlot plot = chart.getXYPlot();
        var axis = new LogAxis("lateness (ms, log)");
        axis.setSmallestValue(0.1);
        plot.setDomainAxis(axis);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    /** How many timers came how late, in buckets of {@code bucketMs}, up to the 99.9th percentile. */
    static void histogram(Path file, String title, Latency latency, double bucketMs) throws IOException {
        var series = new XYSeries("timers");
        Histogram histogram = latency.copy();
        long top = Math.max(1, histogram.getValueAtPercentile(99.9));
        long bucket = (long) (bucketMs * 1000);
        for (HistogramIterationValue value : histogram.linearBucketValues(bucket)) {
            if (value.getValueIteratedFrom() > top) {
                break;
            }
            series.add(value.getValueIteratedTo() / 1000.0, value.getCountAddedInThisIterationStep());
        }
        JFreeChart chart = ChartFactory.createXYBarChart(
                title,
                "lateness (ms)",
                false,
                "timers",
                new XYSeriesCollection(series),
                PlotOrientation.VERTICAL,
                false,
                false,
                false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Timers delivered so far against seconds since {@code fromMicros}, one line per curve. */
    static void drain(Path file, String title, Map<String, long[]> arrivals, Map<String, Long> fromMicros)
            throws IOException {
        var data = new XYSeriesCollection();
        arrivals.forEach((name, times) -> {
            var series = new XYSeries(name);
            long from = fromMicros.get(name);
            series.add(0, 0);
            int step = Math.max(1, times.length / 500);
            for (int i = 0; i < times.length; i += step) {
                series.add((times[i] - from) / 1e6, i + 1);
            }
            if (times.length > 0) {
                series.add((times[times.length - 1] - from) / 1e6, times.length);
            }
            data.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "seconds", "timers delivered", data, PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
