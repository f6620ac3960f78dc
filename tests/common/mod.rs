//! Helpers shared by the native test files.

/// The same CSV with every kind of line end Excel and hand edits leave:
/// CRLF (as written), LF, CR only (older Mac Excel), and a mix of all three.
pub fn line_end_variants(csv: &str) -> Vec<String> {
    let lf = csv.replace("\r\n", "\n");
    let mut mixed = String::new();
    for (i, line) in lf.split('\n').enumerate() {
        if i > 0 {
            mixed.push_str(["\r\n", "\n", "\r"][i % 3]);
        }
        mixed.push_str(line);
    }
    vec![csv.to_string(), lf.clone(), lf.replace('\n', "\r"), mixed]
}
