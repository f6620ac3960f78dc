//! A folder chosen on the desk: what a secretary sees taken from it, in
//! what order, and what the desk says of the other files in it.

use mofan::core::exchange::folder::{is_result_name, FolderPick};

fn paths(list: &[&str]) -> Vec<String> {
    list.iter().map(|p| (*p).to_owned()).collect()
}

#[test]
fn a_folder_gives_its_result_files_in_path_order_and_counts_the_rest() {
    let found = paths(&[
        "二支部/张三.json",
        "一支部/李四.JSON",
        "一支部/照片.jpg",
        "Thumbs.db",
        "一支部/子/王五.json",
        "说明.json.txt",
    ]);
    let folder = FolderPick::of(&found);
    let taken: Vec<&str> = folder.taken.iter().map(|&i| found[i].as_str()).collect();
    assert_eq!(taken, ["一支部/子/王五.json", "一支部/李四.JSON", "二支部/张三.json"]);
    assert_eq!(folder.skipped, 3);
    assert_eq!(
        folder.note().as_deref(),
        Some("文件夹中另有 3 个文件不是结果文件（.json），未读取")
    );
}

#[test]
fn a_folder_of_result_files_alone_needs_no_word() {
    let folder = FolderPick::of(&paths(&["a/1.json", "a/2.json"]));
    assert_eq!(folder.taken, [0, 1]);
    assert_eq!(folder.note(), None);
}

#[test]
fn a_folder_with_nothing_to_read_says_so() {
    let none = FolderPick::of(&paths(&["汇总.xlsx", "照片.jpg"]));
    assert!(none.taken.is_empty());
    assert_eq!(
        none.note().as_deref(),
        Some("文件夹中的 2 个文件都不是结果文件（.json），没有读取")
    );
    assert_eq!(
        FolderPick::of(&[]).note().as_deref(),
        Some("文件夹是空的，没有读取任何文件")
    );
}

#[test]
fn a_result_file_is_named_json_in_any_case_and_nothing_else_is() {
    for name in ["张三.json", "张三.JSON", "x.Json", ".json"] {
        assert!(is_result_name(name), "{name}");
    }
    for name in ["张三", "张三.json.txt", "张三json", "json", "三.jso"] {
        assert!(!is_result_name(name), "{name}");
    }
}
