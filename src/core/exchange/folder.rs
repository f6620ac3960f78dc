//! A folder of result files: one chosen (选择文件夹) or dropped on the
//! desk, and each given to `mofan combine`, gives every file named `*.json`
//! under it, to the bottom, in the order of their paths. The other files (a
//! photo, a spreadsheet, a system's thumbnails) are not read, and the desk
//! says how many there were.

/// Whether a file is taken from a folder as a result or branch file: its
/// name ends in `.json`, in any case.
pub fn is_result_name(name: &str) -> bool {
    let name = name.as_bytes();
    name.len() >= 5 && name[name.len() - 5..].eq_ignore_ascii_case(b".json")
}

/// The files of a folder as the desk takes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderPick {
    /// Positions of the files read, in the order of their paths.
    pub taken: Vec<usize>,
    /// How many files were left unread (not `*.json`).
    pub skipped: usize,
}

impl FolderPick {
    /// Of the files found in a folder, by their paths within it (the
    /// browser's `webkitRelativePath`), the ones read and in what order.
    pub fn of(paths: &[String]) -> FolderPick {
        let mut taken: Vec<usize> = (0..paths.len()).filter(|&i| is_result_name(&paths[i])).collect();
        crate::core::basics::sorted::sort_by(&mut taken, |&a, &b| paths[a].cmp(&paths[b]));
        FolderPick {
            skipped: paths.len() - taken.len(),
            taken,
        }
    }

    /// What the desk says of the folder, when something was left unread.
    pub fn note(&self) -> Option<String> {
        match (self.taken.len(), self.skipped) {
            (_, 0) if !self.taken.is_empty() => None,
            (0, 0) => Some("文件夹是空的，没有读取任何文件".into()),
            (0, n) => Some(format!("文件夹中的 {n} 个文件都不是结果文件（.json），没有读取")),
            (_, n) => Some(format!("文件夹中另有 {n} 个文件不是结果文件（.json），未读取")),
        }
    }
}
