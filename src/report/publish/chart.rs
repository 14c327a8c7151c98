//! Chart geometry for the published page: scales, ticks and the coordinates of each
//! mark, in SVG user units. The template (`templates/publish.html`) draws them; no
//! text from the inputs is placed here, only numbers and the labels the page escapes.

use super::number::{number, plain_number};
use crate::measures::period::Period;
use crate::publish::{Breakdown, Point, bounded};

/// The size of a measure's line chart.
pub const WIDTH: f64 = 420.0;
pub const HEIGHT: f64 = 180.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;

/// Above this many periods, values are a line without a dot each (and targets a dashed
/// line without a mark each): the chart stays legible and the page small.
const MAX_DOTS: usize = 12;

/// At most this many period labels under a chart.
const MAX_X_LABELS: usize = 6;

/// At most this many groups drawn in a breakdown chart (the data table lists all).
pub const MAX_BARS: usize = 30;

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub y: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct XLabel {
    pub x: String,
    pub label: String,
}

/// A series: its runs of consecutive values as polylines, and a dot per value (per
/// lone value only, in a long series).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<String>,
    pub dots: Vec<(String, String)>,
    /// How many values it draws.
    pub values: usize,
}

impl Line {
    pub fn is_empty(&self) -> bool {
        self.values == 0
    }

    /// Every dot as a circle of radius 4, all in one path (one element, not one each:
    /// a page of thousands of charts loads faster).
    pub fn circles(&self) -> String {
        self.dots
            .iter()
            .map(|(x, y)| format!("M{x} {y}m-4 0a4 4 0 1 0 8 0a4 4 0 1 0-8 0"))
            .collect()
    }

    /// Every dot as a square of side 7, in one path.
    pub fn squares(&self) -> String {
        self.dots
            .iter()
            .map(|(x, y)| format!("M{x} {y}m-3.5-3.5h7v7h-7z"))
            .collect()
    }

    /// Every dot as a short horizontal mark, in one path.
    pub fn marks(&self) -> String {
        self.dots
            .iter()
            .map(|(x, y)| format!("M{x} {y}m-7 0h14"))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: String,
    pub baseline: String,
    pub top: f64,
    pub ticks: Vec<Tick>,
    /// The grid line of every tick, as one path.
    pub grid: String,
    pub x_labels: Vec<XLabel>,
    pub label_y: String,
    pub actual: Line,
    pub target: Line,
    pub comparison: Line,
}

/// Coordinates with at most one decimal: the page stays small.
fn coord(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".to_owned()
    } else if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A round step for about `count` ticks over `span`.
fn nice_step(span: f64, count: f64) -> f64 {
    let raw = span / count;
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// The value range shown: from zero when every value is positive and zero is not far
/// off (a bar-like reading), otherwise around the data; widened to round ticks.
fn range(values: &[f64]) -> (f64, f64, f64) {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (mut lo, mut hi) = (min, max);
    if lo >= 0.0 && lo <= hi * 0.6 {
        lo = 0.0;
    }
    if hi == lo {
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
        lo -= pad;
        hi += pad;
        if min >= 0.0 && lo < 0.0 {
            lo = 0.0;
        }
    }
    let step = nice_step(hi - lo, 4.0);
    ((lo / step).floor() * step, (hi / step).ceil() * step, step)
}

/// The line chart of a measure's periods (`points`): values, targets and comparisons.
pub fn line_chart(points: &[Point]) -> Option<LineChart> {
    let values: Vec<f64> = points
        .iter()
        .flat_map(|p| [p.actual, p.target, p.comparison])
        .flatten()
        .filter(|v| v.is_finite())
        .collect();
    if values.is_empty() {
        return None;
    }
    let (lo, hi, step) = range(&values);
    // Values near the limits of f64 have no drawable span: the data table shows them.
    if !(hi - lo).is_finite() || !step.is_finite() || step <= 0.0 || hi <= lo {
        return None;
    }
    let right = WIDTH - RIGHT;
    let bottom = HEIGHT - BOTTOM;
    let n = points.len();
    // Periods are placed by their place in time, so that a gap in the data (FY2019,
    // then FY2024) shows as a gap rather than as neighbouring years.
    let place = |p: &Point| -> f64 {
        match p.period {
            Period::Year(y) => f64::from(y),
            Period::Quarter { year, quarter } => f64::from(year) * 4.0 + f64::from(quarter),
            Period::Month { year, month } => f64::from(year) * 12.0 + f64::from(month),
        }
    };
    let (first, last) = (place(&points[0]), place(&points[n - 1]));
    let x = |i: usize| {
        if n == 1 || last <= first {
            (LEFT + right) / 2.0
        } else {
            LEFT + 10.0 + (right - LEFT - 20.0) * (place(&points[i]) - first) / (last - first)
        }
    };
    let y = |v: f64| bottom - (bottom - TOP) * (v - lo) / (hi - lo);
    let mut ticks = Vec::new();
    let mut t = lo;
    while t <= hi + step * 0.001 && ticks.len() < 12 {
        ticks.push(Tick {
            y: coord(y(t)),
            label: plain_number(t),
        });
        t += step;
    }
    let every = n.div_ceil(MAX_X_LABELS).max(1);
    let x_labels = (0..n)
        // Every `every`th period and the last, without one crowding the last.
        .filter(|&i| i == n - 1 || (i % every == 0 && n - 1 - i >= every))
        .map(|i| XLabel {
            x: coord(x(i)),
            label: points[i].label.clone(),
        })
        .collect();
    let series = |get: &dyn Fn(usize) -> Option<f64>| {
        let mut line = Line::default();
        let mut run: Vec<(String, String)> = Vec::new();
        let end = |run: &mut Vec<(String, String)>, line: &mut Line| {
            // A value with no neighbour is a dot whatever the length of the series.
            if run.len() > 1 {
                let points: Vec<String> = run.iter().map(|(x, y)| format!("{x},{y}")).collect();
                line.runs.push(points.join(" "));
            }
            line.values += run.len();
            if run.len() == 1 || n <= MAX_DOTS {
                line.dots.append(run);
            }
            run.clear();
        };
        for i in 0..n {
            match get(i).filter(|v| v.is_finite()) {
                Some(v) => run.push((coord(x(i)), coord(y(v)))),
                None => end(&mut run, &mut line),
            }
        }
        end(&mut run, &mut line);
        line
    };
    let grid = ticks
        .iter()
        .map(|t| format!("M{} {}H{}", coord(LEFT), t.y, coord(right)))
        .collect::<Vec<_>>()
        .join("");
    Some(LineChart {
        grid,
        width: WIDTH,
        height: HEIGHT,
        left: LEFT,
        right: coord(right),
        baseline: coord(bottom),
        top: TOP,
        ticks,
        x_labels,
        label_y: coord(HEIGHT - 10.0),
        actual: series(&|i| points[i].actual),
        target: series(&|i| points[i].target),
        comparison: series(&|i| points[i].comparison),
    })
}

/// One bar of a breakdown chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: String,
    pub y: String,
    pub text_y: String,
    pub width: String,
    /// The group's name, cut to fit beside the bar.
    pub name: String,
    /// The group's name in full (within [`crate::publish::MAX_NAME_CHARS`]), the bar's tooltip.
    pub full_name: String,
    pub value: String,
    /// `best`, `worst` or empty.
    pub mark: &'static str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub width: f64,
    pub height: f64,
    pub value_x: String,
    pub bars: Vec<Bar>,
    /// Groups in the data table but not drawn.
    pub more: usize,
}

/// The characters of a group's name beside its bar.
const BAR_LABEL_CHARS: usize = 22;

/// Horizontal bars, one per group, in the latest period, drawn from zero (to the left
/// for a negative value).
pub fn bar_chart(b: &Breakdown, unit: Option<&str>) -> BarChart {
    const ROW: f64 = 24.0;
    const BAR_X: f64 = 150.0;
    const BAR_MAX: f64 = 200.0;
    let shown = b.groups.len().min(MAX_BARS);
    let finite = || b.groups.iter().map(|g| g.value).filter(|v| v.is_finite());
    let lo = finite().fold(0.0, f64::min);
    let hi = finite().fold(0.0, f64::max);
    let span = if (hi - lo).is_finite() && hi > lo {
        hi - lo
    } else {
        1.0
    };
    let scale = |v: f64| BAR_X + BAR_MAX * (v - lo) / span;
    let zero = scale(0.0);
    let bars = b
        .groups
        .iter()
        .take(shown)
        .enumerate()
        .map(|(i, g)| {
            let mark = if Some(i) == b.best {
                "best"
            } else if Some(i) == b.worst {
                "worst"
            } else {
                ""
            };
            let end = if g.value.is_finite() {
                scale(g.value)
            } else {
                zero
            };
            let full_name = bounded(&g.name);
            let name = if full_name.chars().count() > BAR_LABEL_CHARS {
                let mut cut: String = full_name.chars().take(BAR_LABEL_CHARS - 1).collect();
                cut.push('…');
                cut
            } else {
                full_name.clone()
            };
            Bar {
                x: coord(zero.min(end)),
                y: coord(i as f64 * ROW + 4.0),
                text_y: coord(i as f64 * ROW + 19.0),
                width: coord((end - zero).abs().max(1.0)),
                name,
                full_name,
                value: number(g.value, unit),
                mark,
            }
        })
        .collect();
    BarChart {
        width: BAR_X + BAR_MAX + 110.0,
        height: shown as f64 * ROW + 8.0,
        value_x: coord(BAR_X + BAR_MAX + 8.0),
        bars,
        more: b.groups.len() - shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(100.0, 4.0), 25.0);
        assert_eq!(nice_step(10.0, 4.0), 2.5);
        assert_eq!(nice_step(7.0, 4.0), 2.0);
        assert_eq!(nice_step(0.3, 4.0), 0.1);
    }

    #[test]
    fn ranges_start_at_zero_for_positive_data_near_it() {
        assert_eq!(range(&[3.0, 9.0]), (0.0, 10.0, 2.5));
        // Far from zero: around the data.
        let (lo, hi, _) = range(&[91.0, 96.0]);
        assert!(lo > 80.0 && lo <= 91.0 && hi >= 96.0, "{lo} {hi}");
        // One value: a band around it.
        let (lo, hi, _) = range(&[5.0]);
        assert!(lo <= 5.0 && hi > 5.0 && lo >= 0.0);
        let (lo, hi, _) = range(&[0.0]);
        assert!(lo == 0.0 && hi > 0.0);
        let (lo, hi, _) = range(&[-4.0, 2.0]);
        assert!(lo <= -4.0 && hi >= 2.0);
    }

    fn point(i: i32, actual: Option<f64>, target: Option<f64>) -> Point {
        Point {
            period: crate::measures::period::Period::Year(2000 + i),
            label: format!("{}", 2000 + i),
            actual,
            target,
            comparison: None,
        }
    }

    #[test]
    fn series_are_runs_of_values_with_dots_for_short_series_and_lone_values() {
        let points: Vec<Point> = (0..4)
            .map(|i| point(i, (i != 2).then_some(i as f64), Some(5.0)))
            .collect();
        let c = line_chart(&points).unwrap();
        // 0, 1 is a run; 3 stands alone after the gap.
        assert_eq!(c.actual.runs.len(), 1);
        assert_eq!(c.actual.dots.len(), 3);
        assert_eq!(c.actual.values, 3);
        assert_eq!(c.target.values, 4);
        assert!(c.comparison.is_empty());
        assert!(!c.target.is_empty());
        assert_eq!(c.x_labels.len(), 4);
        // A long series: lines only, but a lone value keeps its dot.
        let long: Vec<Point> = (0..30)
            .map(|i| point(i, (i != 28).then_some(i as f64), None))
            .collect();
        let c = line_chart(&long).unwrap();
        assert_eq!(c.actual.values, 29);
        assert_eq!(c.actual.dots.len(), 1);
        assert!(c.x_labels.len() <= MAX_X_LABELS + 1);
        assert_eq!(c.x_labels.last().unwrap().label, "2029");
        // A gap in time is a gap on the axis: 2000, 2001, then 2005.
        let gap = [
            point(0, Some(1.0), None),
            point(1, Some(2.0), None),
            point(5, Some(3.0), None),
        ];
        let c = line_chart(&gap).unwrap();
        let xs: Vec<f64> = c.x_labels.iter().map(|l| l.x.parse().unwrap()).collect();
        assert!((xs[1] - xs[0]) * 3.9 < xs[2] - xs[1], "{xs:?}");
        // Nothing to draw: no chart.
        assert!(line_chart(&[point(0, None, None)]).is_none());
    }

    #[test]
    fn bars_start_at_zero_and_long_names_are_cut() {
        let b = Breakdown {
            category: "District".into(),
            period_label: "2024".into(),
            groups: vec![
                crate::publish::Group {
                    name: "North".into(),
                    value: 5.0,
                },
                crate::publish::Group {
                    name: "Neighborhood North East of the river".into(),
                    value: -5.0,
                },
            ],
            best: Some(0),
            worst: Some(1),
        };
        let c = bar_chart(&b, Some("%"));
        // Zero is in the middle: one bar to its right, one to its left, equally long.
        assert_eq!(c.bars[0].x, "250");
        assert_eq!(c.bars[0].width, "100");
        assert_eq!(c.bars[1].x, "150");
        assert_eq!(c.bars[1].width, "100");
        assert_eq!(c.bars[1].name, "Neighborhood North Ea…");
        assert_eq!(c.bars[1].full_name, "Neighborhood North East of the river");
        assert_eq!((c.bars[0].mark, c.bars[1].mark), ("best", "worst"));
    }

    #[test]
    fn values_without_a_drawable_span_have_no_chart() {
        let huge = [point(0, Some(1e308), None), point(1, Some(-1e308), None)];
        assert!(line_chart(&huge).is_none());
        let tiny = [point(0, Some(0.004), Some(0.003))];
        let c = line_chart(&tiny).unwrap();
        assert!(c.ticks.iter().all(|t| !t.y.contains("NaN")));
        let labels: Vec<&str> = c.ticks.iter().map(|t| t.label.as_str()).collect();
        let mut unique = labels.clone();
        unique.dedup();
        assert_eq!(unique.len(), labels.len(), "{labels:?}");
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(coord(12.0), "12");
        assert_eq!(coord(12.34), "12.3");
        assert_eq!(coord(-0.04), "0");
        assert_eq!(coord(-2.5), "-2.5");
    }
}
