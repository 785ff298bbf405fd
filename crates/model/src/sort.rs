//! One stable sort for the page, compiled once.
//!
//! `slice::sort_by` is compiled anew for every element type and comparison (some 4 KB each); the
//! page sorts two kinds of things, so this merge sort of indices, whose comparison is a `dyn` call,
//! is compiled once and the per-type wrapper is a few dozen bytes. Stable like `sort_by`, and
//! O(n log n), so the order it gives is the one `sort_by` gave.

/// Sorts `v` stably by `less`.
pub fn sort_stable_by<T>(v: &mut Vec<T>, mut less: impl FnMut(&T, &T) -> bool) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_indices(v.len(), &mut |a, b| less(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The indices `0..n` sorted stably by `less` (bottom-up merge sort).
fn sorted_indices(n: usize, less: &mut dyn FnMut(usize, usize) -> bool) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut b[start..end] {
                // Take from the right run only when it is strictly less: equal elements keep order.
                if j < end && (i >= mid || less(a[j], a[i])) {
                    *slot = a[j];
                    j += 1;
                } else {
                    *slot = a[i];
                    i += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_same_order_as_sort_by(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            super::sort_stable_by(&mut ours, |a, b| a.0 < b.0);
            let mut std = v;
            std.sort_by_key(|e| e.0);
            prop_assert_eq!(ours, std);
        }
    }
}
