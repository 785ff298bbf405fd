//! Number formatting shared by the model's words and the components, so every figure on the page
//! reads the same way.

use super::recipe::{Recipe, Unit};

/// A duration in the recipe's unit with one decimal, such as `80.3 min`.
pub fn units(recipe: &Recipe, ms: f64) -> String {
    format!("{:.1} {}", recipe.units(ms), recipe.unit.symbol())
}

/// A count with its thousands grouped, such as `99 998`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            // A thin space groups thousands without suggesting a decimal point in any locale.
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    grouped
}

/// A duration in milliseconds, whole, such as `1 606 ms`.
pub fn millis(ms: f64) -> String {
    let whole = ms.round() as i64;
    let sign = if whole < 0 { "−" } else { "" };
    format!("{sign}{} ms", count(whole.unsigned_abs() as usize))
}

/// An instant of a run in the recipe's unit, with the milliseconds beside unless the unit already
/// is real milliseconds: `20 min (400 ms)`, `1.5 s (150 ms)`, `50 ms`.
pub fn instant(recipe: &Recipe, ms: f64) -> String {
    let units = format!("{:.1}", recipe.units(ms));
    let units = units.strip_suffix(".0").unwrap_or(&units);
    if recipe.unit == Unit::Ms && recipe.scale_ms == 1.0 {
        format!("{units} ms")
    } else {
        format!("{units} {} ({})", recipe.unit.symbol(), millis(ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::recipe::test_recipe;

    #[test]
    fn millis_groups_thousands() {
        assert_eq!(millis(1606.4), "1\u{202f}606 ms");
        assert_eq!(millis(12.6), "13 ms");
        assert_eq!(millis(-1234.0), "−1\u{202f}234 ms");
        assert_eq!(count(99_998), "99\u{202f}998");
    }

    #[test]
    fn instants_read_in_the_recipes_unit_with_milliseconds_beside() {
        let mut r = test_recipe(vec![], vec![]);
        assert_eq!(instant(&r, 30.0), "3 s (30 ms)");
        assert_eq!(instant(&r, 31.6), "3.2 s (32 ms)");
        r.unit = Unit::Ms;
        r.scale_ms = 1.0;
        assert_eq!(instant(&r, 50.0), "50 ms");
    }
}
