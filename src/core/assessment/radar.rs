//! 雷达图 geometry: the app draws the chart itself as SVG. Coordinates are
//! whole numbers in a 1000 × 1000 box, so no float formatting reaches the wasm.

use crate::core::basics::points::Points;

/// Size of the square drawing box (SVG viewBox `0 0 SIZE SIZE`).
pub const SIZE: i32 = 1000;
const CENTRE: i32 = SIZE / 2;
/// Radius of the 100% ring; the rest of the box holds the labels.
const RADIUS: i32 = 300;

/// A point in the drawing box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub x: i32,
    pub y: i32,
}

/// The chart for `n` axes: spokes, rings, label positions, and polygons for values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Radar {
    axes: usize,
}

/// Sine and cosine of `i / n` of a full turn.
fn sin_cos_of_turn(i: usize, n: usize) -> (f64, f64) {
    (std::f64::consts::TAU * (i % n) as f64 / n as f64).sin_cos()
}

impl Radar {
    /// A chart with one axis per section; fewer than three axes are drawn as three.
    pub fn new(axes: usize) -> Radar {
        Radar { axes: axes.max(3) }
    }

    /// The spot at `share` (0..=10000, i.e. hundredths of a percent) along axis `i`.
    /// Axis 0 points straight up; the others follow clockwise.
    fn spot(&self, i: usize, share: i64, extra: i32) -> Spot {
        let (sin, cos) = sin_cos_of_turn(i, self.axes);
        let r = (RADIUS as f64) * (share.clamp(0, 10_000) as f64) / 10_000.0 + extra as f64;
        Spot {
            x: CENTRE + (r * sin).round() as i32,
            y: CENTRE - (r * cos).round() as i32,
        }
    }

    /// The end of each spoke (the 100% ring).
    pub fn spokes(&self) -> Vec<Spot> {
        (0..self.axes).map(|i| self.spot(i, 10_000, 0)).collect()
    }

    /// Polygon points for the rings at 20%, 40% … 100%.
    pub fn rings(&self) -> Vec<String> {
        (1..=5)
            .map(|k| self.points_attr(&vec![Points::whole(20 * k); self.axes]))
            .collect()
    }

    /// Where each axis label goes, just outside the 100% ring.
    pub fn label_spots(&self) -> Vec<Spot> {
        (0..self.axes).map(|i| self.spot(i, 10_000, 40)).collect()
    }

    /// Which way a label's text should run from its spot: `start`, `middle` or `end`.
    pub fn label_anchor(&self, i: usize) -> &'static str {
        let s = self.spot(i, 10_000, 0);
        match s.x - CENTRE {
            d if d > 5 => "start",
            d if d < -5 => "end",
            _ => "middle",
        }
    }

    /// SVG `points` for percentages (0–100, as Points) on each axis; missing values count as 0.
    pub fn points_attr(&self, percents: &[Points]) -> String {
        (0..self.axes)
            .map(|i| {
                let p = percents.get(i).copied().unwrap_or(Points::ZERO);
                let s = self.spot(i, p.hundredths(), 0);
                format!("{},{}", s.x, s.y)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_marks_reach_the_ring_and_zero_sits_at_the_centre() {
        let r = Radar::new(4);
        let full = r.points_attr(&[Points::whole(100); 4]);
        assert_eq!(full, "500,200 800,500 500,800 200,500");
        assert_eq!(r.points_attr(&[Points::ZERO; 4]), "500,500 500,500 500,500 500,500");
        let half = r.points_attr(&[Points::whole(50), Points::whole(100), Points::ZERO, Points::whole(25)]);
        assert_eq!(half, "500,350 800,500 500,500 425,500");
    }

    #[test]
    fn labels_run_away_from_the_centre() {
        let r = Radar::new(6);
        assert_eq!(r.label_anchor(0), "middle");
        assert_eq!(r.label_anchor(1), "start");
        assert_eq!(r.label_anchor(4), "end");
        assert_eq!(r.spokes().len(), 6);
        assert_eq!(Radar::new(2).spokes().len(), 3, "two sections still make a triangle");
    }
}
