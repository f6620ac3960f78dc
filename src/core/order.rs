//! One stable sort for every list the app orders.
//!
//! The standard library's `sort_by` is a fast but large algorithm, compiled
//! again for every element type and comparator: about 3 KB of wasm each, for
//! lists that here hold at most a few thousand rows. These functions sort
//! positions with a single non-generic merge sort and then move the elements,
//! so each new use costs a few hundred bytes. Equal elements keep their order.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal elements in their order.
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = {
        let list: &[T] = items;
        stable_order(list.len(), &mut |a, b| compare(&list[a], &list[b]))
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by a key, keeping equal elements in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in sorted order: a bottom-up merge sort, stable,
/// O(n log n) comparisons.
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..len).collect();
    let mut to: Vec<usize> = vec![0; len];
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                // Take from the right run only when strictly smaller: stable.
                if compare(from[j], from[i]) == Ordering::Less {
                    to[k] = from[j];
                    j += 1;
                } else {
                    to[k] = from[i];
                    i += 1;
                }
                k += 1;
            }
            to[k..k + (mid - i)].copy_from_slice(&from[i..mid]);
            k += mid - i;
            to[k..k + (end - j)].copy_from_slice(&from[j..end]);
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // A small generator, so the test needs no crate and repeats exactly.
        let mut seed: u32 = 7;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for len in [0usize, 1, 2, 3, 5, 8, 17, 64, 100, 1000] {
            let items: Vec<(u32, usize)> = (0..len).map(|i| (next() % 10, i)).collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|a| a.0);
            assert_eq!(ours, std_sorted, "length {len}");
        }
    }

    #[test]
    fn keys_and_reversed_order() {
        let mut words = vec!["b".to_string(), "a".into(), "c".into(), "a".into()];
        sort_by_key(&mut words, |w| std::cmp::Reverse(w.clone()));
        assert_eq!(words, ["c", "b", "a", "a"]);
    }
}
