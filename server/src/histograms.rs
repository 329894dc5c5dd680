//! Histograms with fixed buckets, for the metrics recorder.
//!
//! Each series (a metric name with its labels) is one row of counters: a count per bucket and
//! the sum. Recording adds one to a counter, so a series takes the same memory at ten requests
//! a second or a hundred thousand. The Prometheus exporter's own histograms keep every sample
//! until they are drained into their buckets, which under load was megabytes a second.
//!
//! [`Recorder`] hands histograms to these series and everything else (counters, gauges) to the
//! Prometheus recorder; [`Histograms::render`] writes them in Prometheus' text format.

use std::{
    collections::BTreeMap,
    fmt::Write as _,
    sync::{
        Arc, RwLock,
        atomic::{AtomicU64, Ordering},
    },
};

use metrics::{Counter, Gauge, Histogram, HistogramFn, Key, KeyName, Metadata, SharedString, Unit};

/// Every histogram's series, each with the same upper bounds (`le`).
#[derive(Clone)]
pub struct Histograms {
    bounds: Arc<[f64]>,
    series: Arc<RwLock<BTreeMap<Key, Arc<Series>>>>,
}

/// One series: how many values fell in each bucket (not cumulative; the last is above every
/// bound) and their sum (the bits of an `f64`).
struct Series {
    bounds: Arc<[f64]>,
    counts: Box<[AtomicU64]>,
    sum: AtomicU64,
}

impl HistogramFn for Series {
    fn record(&self, value: f64) {
        if !value.is_finite() {
            return;
        }
        // A value equal to a bound belongs to that bound's bucket (`le`: less or equal).
        let bucket = self.bounds.partition_point(|bound| *bound < value);
        self.counts[bucket].fetch_add(1, Ordering::Relaxed);
        let _ = self
            .sum
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |bits| {
                Some((f64::from_bits(bits) + value).to_bits())
            });
    }
}

impl Histograms {
    /// Histograms whose buckets end at `bounds` (sorted here; non-finite ones dropped), plus
    /// one for everything above.
    pub fn new(bounds: &[f64]) -> Histograms {
        let mut bounds: Vec<f64> = bounds.iter().copied().filter(|b| b.is_finite()).collect();
        bounds.sort_by(f64::total_cmp);
        bounds.dedup();
        Histograms {
            bounds: bounds.into(),
            series: Arc::default(),
        }
    }

    /// The series of `key`, made the first time it is asked for.
    pub fn series(&self, key: &Key) -> Histogram {
        let found = self
            .series
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(key)
            .cloned();
        let series = found.unwrap_or_else(|| {
            let mut all = self
                .series
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            all.entry(key.clone())
                .or_insert_with(|| {
                    Arc::new(Series {
                        bounds: self.bounds.clone(),
                        counts: (0..=self.bounds.len()).map(|_| AtomicU64::new(0)).collect(),
                        sum: AtomicU64::new(0f64.to_bits()),
                    })
                })
                .clone()
        });
        Histogram::from_arc(series)
    }

    /// Every series in Prometheus' text format: cumulative `_bucket` lines (the last
    /// `le="+Inf"`), `_sum` and `_count`, grouped by name.
    pub fn render(&self) -> String {
        let all = self
            .series
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut out = String::new();
        let mut name = "";
        for (key, series) in all.iter() {
            if key.name() != name {
                name = key.name();
                let _ = writeln!(out, "# TYPE {name} histogram");
            }
            let labels: String = key
                .labels()
                .map(|l| format!("{}=\"{}\",", l.key(), escape(l.value())))
                .collect();
            let mut cumulative = 0u64;
            for (i, count) in series.counts.iter().enumerate() {
                cumulative += count.load(Ordering::Relaxed);
                let le = self
                    .bounds
                    .get(i)
                    .map_or_else(|| "+Inf".to_owned(), f64::to_string);
                let _ = writeln!(out, "{name}_bucket{{{labels}le=\"{le}\"}} {cumulative}");
            }
            let labels = labels.trim_end_matches(',');
            let sum = f64::from_bits(series.sum.load(Ordering::Relaxed));
            let _ = writeln!(out, "{name}_sum{{{labels}}} {sum}");
            let _ = writeln!(out, "{name}_count{{{labels}}} {cumulative}");
        }
        out
    }
}

/// A label value in Prometheus' text format.
fn escape(value: &str) -> String {
    value
        .replace('\\', r"\\")
        .replace('"', r#"\""#)
        .replace('\n', r"\n")
}

/// The process's recorder: histograms in [`Histograms`], the rest in `inner`.
pub struct Recorder<R> {
    pub inner: R,
    pub histograms: Histograms,
}

impl<R: metrics::Recorder> metrics::Recorder for Recorder<R> {
    fn describe_counter(&self, key: KeyName, unit: Option<Unit>, description: SharedString) {
        self.inner.describe_counter(key, unit, description);
    }

    fn describe_gauge(&self, key: KeyName, unit: Option<Unit>, description: SharedString) {
        self.inner.describe_gauge(key, unit, description);
    }

    fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}

    fn register_counter(&self, key: &Key, metadata: &Metadata<'_>) -> Counter {
        self.inner.register_counter(key, metadata)
    }

    fn register_gauge(&self, key: &Key, metadata: &Metadata<'_>) -> Gauge {
        self.inner.register_gauge(key, metadata)
    }

    fn register_histogram(&self, key: &Key, _: &Metadata<'_>) -> Histogram {
        self.histograms.series(key)
    }
}

#[cfg(test)]
mod tests {
    use super::{Histograms, Recorder};
    use metrics::{Key, Label, Level, Metadata, Recorder as _};

    fn key(status: &str) -> Key {
        Key::from_parts(
            "latency_seconds",
            vec![
                Label::new("route", "/a\"b"),
                Label::new("status", status.to_owned()),
            ],
        )
    }

    #[test]
    fn buckets_are_cumulative_and_a_bound_counts_in_its_own_bucket() {
        let histograms = Histograms::new(&[0.5, 0.1, f64::NAN, 1.0]);
        let ok = histograms.series(&key("200"));
        for value in [0.05, 0.1, 0.3, 1.0, 7.0, f64::INFINITY] {
            ok.record(value);
        }
        histograms.series(&key("404")).record(0.2);
        // The same key is the same series.
        histograms.series(&key("200")).record(0.01);
        let text = histograms.render();
        let labels = r#"route="/a\"b",status="200""#;
        for line in [
            format!(r#"latency_seconds_bucket{{{labels},le="0.1"}} 3"#),
            format!(r#"latency_seconds_bucket{{{labels},le="0.5"}} 4"#),
            format!(r#"latency_seconds_bucket{{{labels},le="1"}} 5"#),
            format!(r#"latency_seconds_bucket{{{labels},le="+Inf"}} 6"#),
            format!(r#"latency_seconds_count{{{labels}}} 6"#),
            r#"latency_seconds_bucket{route="/a\"b",status="404",le="0.1"} 0"#.to_owned(),
            r#"latency_seconds_count{route="/a\"b",status="404"} 1"#.to_owned(),
        ] {
            assert!(text.lines().any(|l| l == line), "{line} missing:\n{text}");
        }
        let sum: f64 = text
            .lines()
            .find_map(|l| l.strip_prefix(&format!("latency_seconds_sum{{{labels}}} ")))
            .and_then(|v| v.parse().ok())
            .expect("sum");
        assert!((sum - 8.46).abs() < 1e-9, "{sum}");
        assert_eq!(text.matches("# TYPE latency_seconds histogram").count(), 1);
    }

    #[test]
    fn every_value_recorded_from_many_threads_is_counted() {
        let histograms = Histograms::new(&[0.001]);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    let series = histograms.series(&key("200"));
                    for i in 0..10_000 {
                        series.record(f64::from(i % 2) * 0.01);
                    }
                });
            }
        });
        let text = histograms.render();
        assert!(text.contains(r#"le="0.001"} 40000"#), "{text}");
        assert!(text.contains(r#"le="+Inf"} 80000"#), "{text}");
    }

    /// The regression this module exists for: the exporter's histograms kept each sample
    /// (8 bytes and more) until drained, so memory grew with the request rate.
    #[test]
    fn recording_does_not_grow_memory_with_the_number_of_samples() {
        let recorder = Recorder {
            inner: metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder(),
            histograms: Histograms::new(&[0.001, 0.01]),
        };
        let metadata = Metadata::new("test", Level::INFO, None);
        let series = recorder.register_histogram(&key("200"), &metadata);
        let before = anonymous_kib();
        for i in 0..3_000_000u32 {
            series.record(f64::from(i % 100) / 1000.0);
        }
        let grown = anonymous_kib().saturating_sub(before);
        // Three million samples kept as such would be 24 MB and more.
        assert!(grown < 8 * 1024, "grew {grown} KiB");
        assert!(
            recorder
                .histograms
                .render()
                .contains(r#"le="+Inf"} 3000000"#)
        );
    }

    /// This process's resident anonymous memory (Linux), in KiB.
    fn anonymous_kib() -> u64 {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("RssAnon:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            })
            .unwrap_or(0)
    }
}
