//! Compacts the built-in checklists for the app: `templates/*.json` are
//! indented for people to read and edit; the copies in OUT_DIR that
//! `core::builtin` compiles in hold the same JSON without the whitespace.
//! A file that does not parse is copied as it is, so the native tests name
//! its problem with the line it is on.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=templates");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for entry in fs::read_dir("templates").expect("templates/ is in the repository") {
        let path = entry.expect("templates/ can be listed").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("a template file is UTF-8 text");
        let compact = serde_json::from_str::<serde_json::Value>(&text)
            .and_then(|v| serde_json::to_string(&v))
            .unwrap_or(text);
        let name = path.file_name().expect("a file has a name");
        fs::write(Path::new(&out).join(name), compact).expect("OUT_DIR is writable");
    }
}
