//! Colours of the charts: plotters' viridis scale for amounts (readable with every common
//! colour-vision deficiency and in grey), the Okabe–Ito palette for the trend lines.

use plotters::style::colors::colormaps::ViridisRGB;
use plotters::style::RGBColor;

/// Fill of a country or cell without any posting.
pub const EMPTY: &str = "#e4e4e4";

/// Colours of the trend lines, distinguishable with colour-vision deficiencies (Okabe and
/// Ito, 2008); the line of every matching posting is drawn in grey.
pub const LINES: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(213, 94, 0),
    RGBColor(86, 180, 233),
];

/// A position in `[0, 1]` of `count` on a square-root scale up to `max`: small counts stay
/// visible next to a large one.
#[must_use]
pub fn level(count: u64, max: u64) -> f64 {
    if max == 0 {
        return 0.0;
    }
    ((count as f64).sqrt() / (max as f64).sqrt()).clamp(0.0, 1.0)
}

/// The viridis colour of `level` (0: dark violet, 1: yellow), as `#rrggbb`.
#[must_use]
pub fn viridis(level: f64) -> String {
    let RGBColor(r, g, b) = ViridisRGB::get_color_normalized(level as f32, 0.0, 1.0);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The colour of `count` out of `max` ([`EMPTY`] for zero).
#[must_use]
pub fn fill(count: u64, max: u64) -> String {
    if count == 0 {
        EMPTY.to_owned()
    } else {
        viridis(level(count, max))
    }
}

/// Text colour readable on the viridis colour of `level`: white on the dark half.
#[must_use]
pub fn ink(level: f64) -> &'static str {
    if level < 0.55 {
        "#ffffff"
    } else {
        "#111111"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_runs_from_violet_to_yellow() {
        assert_eq!(fill(0, 10), EMPTY);
        let low = viridis(0.0);
        let high = viridis(1.0);
        assert_ne!(low, high);
        // Viridis starts dark violet (blue above red, little green) and ends yellow.
        let rgb = |s: &str| {
            (
                u8::from_str_radix(&s[1..3], 16).unwrap(),
                u8::from_str_radix(&s[3..5], 16).unwrap(),
                u8::from_str_radix(&s[5..7], 16).unwrap(),
            )
        };
        let (r, g, b) = rgb(&low);
        assert!(b > r && g < 40, "{low}");
        let (r, g, b) = rgb(&high);
        assert!(r > 200 && g > 200 && b < 80, "{high}");
        assert!(level(1, 100) > 0.05 && level(100, 100) == 1.0);
    }
}
