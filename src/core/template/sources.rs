//! The source documents the built-in checklists quote. Their text is in
//! `sources/` under these file names; this names each for people, so an
//! item's 依据原文 says which document it is from.

/// One source document: its file in `sources/` and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceDocument {
    pub file: &'static str,
    pub title: &'static str,
}

pub const SOURCE_DOCUMENTS: &[SourceDocument] = &[
    SourceDocument {
        file: "000_c949eccd4919edba.txt",
        title: "银监会党委召开系统“两学一做”学习教育推进会（2016年10月）",
    },
    SourceDocument {
        file: "001_f13f15a104b23fd1.txt",
        title: "浙江银监局2015年党建工作方案（浙银监党发〔2015〕6号）",
    },
    SourceDocument {
        file: "002_0050c8022049d211.txt",
        title: "坚持统筹融合 务求工作实效 高质量推进模范机关创建（人民银行西安分行党委）",
    },
    SourceDocument {
        file: "003_d4fb4e6630e6ad25.txt",
        title: "人民银行离退休干部局党委推进模范机关创建（党委书记韩如意）",
    },
    SourceDocument {
        file: "004_397ebea4c409e4b0.txt",
        title: "全面从严治党工作会议讲话（组织人事工作部分）",
    },
];

/// What to call the document a source names: its title when it is one of
/// the source documents, else the file name as the template wrote it.
pub fn document_title(file: &str) -> &str {
    SOURCE_DOCUMENTS
        .iter()
        .find(|d| d.file == file)
        .map_or(file, |d| d.title)
}
