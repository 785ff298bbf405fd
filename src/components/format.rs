//! Number formatting shared by the components, so every figure on the page reads the same way.

use crate::model::Recipe;

/// A duration in the recipe's unit with one decimal, such as `80.3 min`.
pub fn units(recipe: &Recipe, ms: f64) -> String {
    format!("{:.1} {}", recipe.units(ms), recipe.unit.symbol())
}

/// A duration in milliseconds, whole, such as `1 606 ms`.
pub fn millis(ms: f64) -> String {
    let whole = ms.round() as i64;
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            // A thin space groups thousands without suggesting a decimal point in any locale.
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    let sign = if whole < 0 { "−" } else { "" };
    format!("{sign}{grouped} ms")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_groups_thousands() {
        assert_eq!(millis(1606.4), "1\u{202f}606 ms");
        assert_eq!(millis(12.6), "13 ms");
        assert_eq!(millis(-1234.0), "−1\u{202f}234 ms");
    }
}
