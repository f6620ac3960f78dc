//! Stable sorting through one copy of the standard library's sort.
//!
//! `slice::sort_by` is compiled again for every element type and comparator:
//! about 4 KB of wasm each. Here the standard sort runs once, on positions,
//! behind a `dyn` comparator, and the elements are then moved into place, so
//! each list the app orders adds only that small move. Equal elements keep
//! their order, as with `sort_by`.

use std::cmp::Ordering;

/// The positions `0..len` ordered by `compare`, by the standard stable sort.
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| compare(a, b));
    positions
}

/// Sorts `items` by `compare`, keeping equal elements in their order.
pub fn sort_by<T>(items: &mut Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let list: &[T] = items;
        sorted_positions(list.len(), &mut |a, b| compare(&list[a], &list[b]))
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by a key, keeping equal elements in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_as_the_standard_stable_sort_does() {
        let items: Vec<(u8, usize)> = (0..500).map(|i| (((i * 7919) % 13) as u8, i)).collect();
        let mut ours = items.clone();
        sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        let mut theirs = items.clone();
        theirs.sort_by_key(|a| a.0);
        assert_eq!(ours, theirs, "equal keys keep their order");
        let mut words = vec!["b".to_string(), "a".into(), "c".into(), "a".into()];
        sort_by_key(&mut words, |w| std::cmp::Reverse(w.clone()));
        assert_eq!(words, ["c", "b", "a", "a"]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, Ord::cmp);
        assert!(empty.is_empty());
    }
}
